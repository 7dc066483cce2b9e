"""The Brain's domains, in import order (house style): core < users < notifications < auth < ..."""
