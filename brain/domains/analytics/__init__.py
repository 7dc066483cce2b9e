"""Analytics: metrics computed from the events the domains publish and the clients send."""
