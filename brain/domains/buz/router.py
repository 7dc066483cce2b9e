"""`/api/buz`: balances, transfers, history, staking, supply, price and the admin operations.

Access: your own wallet, history and positions need `buz:read`; reading anyone's needs
`buz:read_any` (SUPER_ADMIN: the other admin roles have only their own area). Another user's
wallet, history or position is 404, not 403: whether someone holds BUZ, and how much, is not
yours to learn. Transfers need `buz:transfer`, staking `buz:stake` (both also BTS + BPP
signed: 403 `COMPLIANCE_REQUIRED` with `missing`, checked by the legal domain; unstaking needs
only ownership, so a downgraded subscriber can still withdraw), and mint, burn, price,
analytics and verify `buz:mint` (SUPER_ADMIN). Supply and price are public.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Header, Query, Response, status
from sqlmodel.ext.asyncio.session import AsyncSession

from brain.core import db
from brain.core.db import SessionDep
from brain.core.openapi import problems
from brain.core.pagination import PageParams, page_params
from brain.core.routes import DomainRouter, set_location
from brain.core.schemas import Page
from brain.domains.auth.deps import AuthenticatedUser, require_permission
from brain.domains.buz import service, transfer_fn
from brain.domains.buz.errors import (
    DailyLimitExceeded,
    IdempotencyConflict,
    InsufficientFunds,
    InvalidTransfer,
    PositionClosed,
    PositionNotFound,
    RecipientNotActive,
    StakingNotAllowed,
    SupplyCapExceeded,
    TransferNotFound,
    WalletNotFound,
)
from brain.domains.buz.rules import StakeStatus, SystemAccount, TransferKind
from brain.domains.buz.schemas import (
    AnalyticsRead,
    BalanceRead,
    BurnRequest,
    LedgerReport,
    MintRequest,
    PositionRead,
    PricePoint,
    PriceRead,
    PriceSet,
    ReversalRequest,
    StakeCreate,
    SupplyRead,
    TierRead,
    TransactionRead,
    TransferCreate,
    TransferRead,
)
from brain.domains.buz.transfers import TRANSFER_ACTION
from brain.domains.legal.errors import ComplianceRequired
from brain.domains.legal.service import require_compliance
from brain.domains.users.errors import UserNotFound

router = DomainRouter(prefix="/buz", tags=["buz"])

Reader = Annotated[AuthenticatedUser, Depends(require_permission("buz:read"))]
Sender = Annotated[AuthenticatedUser, Depends(require_permission("buz:transfer"))]
Staker = Annotated[AuthenticatedUser, Depends(require_permission("buz:stake"))]
Admin = Annotated[AuthenticatedUser, Depends(require_permission("buz:mint"))]
IdempotencyKey = Annotated[
    str,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="Your key for this operation (a UUID). The same key and body again returns "
        "the original result (200, `Idempotent-Replayed: true`); the same key with another "
        "body is 409 `IDEMPOTENCY_CONFLICT`.",
    ),
]
REPLAYED = "Idempotent-Replayed"


def _replayed(model: type) -> dict[int | str, dict[str, Any]]:
    return {200: {"model": model, "description": "A replay: the original result."}}


def _own(viewer: AuthenticatedUser, user_id: uuid.UUID) -> None:
    if viewer.id != user_id and not viewer.can("buz:read_any"):
        raise WalletNotFound()


def _locate_admin_transfer(
    response: Response, user_id: uuid.UUID | None, transfer_id: uuid.UUID
) -> None:
    """A mint or burn is readable in the wallet it touched; one of a pool has no URL."""
    if user_id is not None:
        set_location(response, f"/buz/transactions/{user_id}/{transfer_id}")


def _replay(response: Response, created: bool) -> None:
    if not created:
        response.status_code = status.HTTP_200_OK
        response.headers[REPLAYED] = "true"


@router.get("/balance/{user_id}", response_model=BalanceRead, responses=problems(WalletNotFound))
async def read_balance(user_id: uuid.UUID, viewer: Reader, session: SessionDep) -> BalanceRead:
    """A wallet's available, staked and total BUZ (yours, or anyone's with `buz:read_any`)."""
    _own(viewer, user_id)
    return await service.balance(session, user_id=user_id)


@router.post(
    "/transfer",
    status_code=status.HTTP_201_CREATED,
    response_model=TransferRead,
    responses=_replayed(TransferRead)
    | problems(
        ComplianceRequired,
        WalletNotFound,
        UserNotFound,  # the recipient
        InsufficientFunds,
        IdempotencyConflict,
        DailyLimitExceeded,
        RecipientNotActive,
        InvalidTransfer,
    ),
)
@db.autocommit
async def create_transfer(
    body: TransferCreate,
    idempotency_key: IdempotencyKey,
    sender: Sender,
    session: SessionDep,
    response: Response,
) -> TransferRead:
    """Send BUZ to another member; you pay a 0.1% fee (at least 0.01 BUZ) on top."""
    # On Postgres one database function call does all of it (transfer_fn); elsewhere the
    # Python path, the reference the function is tested against.
    send = transfer_fn.transfer if transfer_fn.available() else _transfer_in_python
    posted = await send(
        session,
        sender_id=sender.id,
        to_user_id=body.to_user_id,
        amount=body.amount,
        memo=body.memo,
        idempotency_key=idempotency_key,
        exempt_from_daily_limit=sender.role.is_admin,
    )
    set_location(response, f"/buz/transactions/{sender.id}/{posted.transfer.id}")
    _replay(response, posted.created)
    return posted.transfer


async def _transfer_in_python(
    session: AsyncSession, *, sender_id: uuid.UUID, **transfer: Any
) -> service.Posted:
    await require_compliance(session, user_id=sender_id, action=TRANSFER_ACTION)
    return await service.transfer(session, sender_id=sender_id, **transfer)


@router.get(
    "/transactions/{user_id}",
    response_model=Page[TransactionRead],
    responses=problems(WalletNotFound),
)
async def list_transactions(
    user_id: uuid.UUID,
    viewer: Reader,
    session: SessionDep,
    page: Annotated[PageParams, Depends(page_params)],
    kind: Annotated[list[TransferKind] | None, Query(description="Only these kinds.")] = None,
    since: Annotated[datetime | None, Query(description="From this time (inclusive).")] = None,
    until: Annotated[datetime | None, Query(description="Before this time.")] = None,
) -> Page[TransactionRead]:
    """A user's ledger history (wallet and staking), newest first."""
    _own(viewer, user_id)
    if not await service.has_wallet(session, user_id=user_id):
        raise WalletNotFound()
    items, next_cursor = await service.transactions(
        session,
        user_id=user_id,
        page=page,
        kinds=kind,
        since=since,
        until=until,
    )
    return Page[TransactionRead](items=items, next_cursor=next_cursor)


@router.get(
    "/transactions/{user_id}/{transfer_id}",
    response_model=TransferRead,
    # WalletNotFound also for another user's wallet (without `buz:read_any`).
    responses=problems(WalletNotFound, TransferNotFound),
)
async def read_transaction(
    user_id: uuid.UUID, transfer_id: uuid.UUID, viewer: Reader, session: SessionDep
) -> TransferRead:
    """One transfer of a user's history, with all its linked legs."""
    _own(viewer, user_id)
    return await service.user_transfer(session, user_id=user_id, transfer_id=transfer_id)


@router.post(
    "/stake",
    status_code=status.HTTP_201_CREATED,
    response_model=PositionRead,
    responses=_replayed(PositionRead)
    | problems(
        ComplianceRequired,
        StakingNotAllowed,
        InvalidTransfer,
        WalletNotFound,
        InsufficientFunds,
        IdempotencyConflict,
    ),
)
async def create_stake(
    body: StakeCreate,
    idempotency_key: IdempotencyKey,
    staker: Staker,
    session: SessionDep,
    response: Response,
) -> PositionRead:
    """Lock BUZ from your wallet in a staking tier."""
    await require_compliance(session, user_id=staker.id, action="buz.stake")
    position, created = await service.stake(
        session,
        user_id=staker.id,
        amount=body.amount,
        tier=body.tier,
        idempotency_key=idempotency_key,
    )
    # No route reads one position: its URL is the list of the staker's positions.
    set_location(response, f"/buz/staking/{staker.id}")
    _replay(response, created)
    return position


@router.get("/tiers", response_model=Page[TierRead])
async def list_tiers() -> Page[TierRead]:
    """The staking tiers: lock, APY and amount range."""
    return Page[TierRead](items=service.tiers())


@router.get(
    "/staking/{user_id}",
    response_model=Page[PositionRead],
    responses=problems(WalletNotFound),
)
async def list_positions(
    user_id: uuid.UUID,
    viewer: Reader,
    session: SessionDep,
    page: Annotated[PageParams, Depends(page_params)],
    status_: Annotated[
        StakeStatus | None, Query(alias="status", description="Only positions in this state.")
    ] = None,
) -> Page[PositionRead]:
    """A user's staking positions with accrued and expected reward, newest first."""
    _own(viewer, user_id)
    items, next_cursor = await service.list_positions(
        session, user_id=user_id, page=page, status=status_
    )
    return Page[PositionRead](items=items, next_cursor=next_cursor)


@router.post(
    "/staking/{position_id}/unstake",
    response_model=PositionRead,
    responses=problems(PositionNotFound, PositionClosed),
)
async def unstake(position_id: uuid.UUID, viewer: Reader, session: SessionDep) -> PositionRead:
    """Close your position: principal plus reward at maturity, minus 10% before it."""
    return await service.unstake(session, user_id=viewer.id, position_id=position_id)


@router.get("/supply", response_model=SupplyRead)
async def read_supply(session: SessionDep) -> SupplyRead:
    """Max, minted, burned, circulating and staked BUZ, and each pool."""
    return await service.supply(session)


@router.get("/price", response_model=PriceRead)
async def read_price(
    session: SessionDep, page: Annotated[PageParams, Depends(page_params)]
) -> PriceRead:
    """The current USD price of one BUZ and its history, newest first."""
    return await service.get_price(session, page=page)


@router.post(
    "/admin/mint",
    status_code=status.HTTP_201_CREATED,
    response_model=TransferRead,
    responses=_replayed(TransferRead)
    | problems(WalletNotFound, SupplyCapExceeded, IdempotencyConflict, InvalidTransfer),
)
async def mint(
    body: MintRequest,
    idempotency_key: IdempotencyKey,
    admin: Admin,
    session: SessionDep,
    response: Response,
) -> TransferRead:
    """Issue new BUZ into a pool or a wallet, within the max supply (audited)."""
    posted = await service.mint(
        session,
        actor_id=admin.id,
        amount=body.amount,
        reason=body.reason,
        idempotency_key=idempotency_key,
        to_pool=SystemAccount(body.to_pool) if body.to_pool else None,
        to_user_id=body.to_user_id,
    )
    _locate_admin_transfer(response, body.to_user_id, posted.transfer.id)
    _replay(response, posted.created)
    return posted.transfer


@router.post(
    "/admin/burn",
    status_code=status.HTTP_201_CREATED,
    response_model=TransferRead,
    responses=_replayed(TransferRead)
    | problems(WalletNotFound, InsufficientFunds, IdempotencyConflict, InvalidTransfer),
)
async def burn(
    body: BurnRequest,
    idempotency_key: IdempotencyKey,
    admin: Admin,
    session: SessionDep,
    response: Response,
) -> TransferRead:
    """Destroy BUZ from a pool or a wallet into the burn account (audited)."""
    posted = await service.burn(
        session,
        actor_id=admin.id,
        amount=body.amount,
        reason=body.reason,
        idempotency_key=idempotency_key,
        from_pool=SystemAccount(body.from_pool) if body.from_pool else None,
        from_user_id=body.from_user_id,
    )
    _locate_admin_transfer(response, body.from_user_id, posted.transfer.id)
    _replay(response, posted.created)
    return posted.transfer


@router.post(
    "/admin/transfers/{transfer_id}/reverse",
    status_code=status.HTTP_201_CREATED,
    response_model=TransferRead,
    # INVALID_TRANSFER's 422: not a system payout; a different reason for a payout reversed
    # already is IDEMPOTENCY_CONFLICT; INSUFFICIENT_FUNDS: the wallet has spent it.
    responses=_replayed(TransferRead)
    | problems(
        TransferNotFound, WalletNotFound, InvalidTransfer, InsufficientFunds, IdempotencyConflict
    ),
)
async def reverse_transfer(
    transfer_id: uuid.UUID,
    body: ReversalRequest,
    admin: Admin,
    session: SessionDep,
    response: Response,
) -> TransferRead:
    """Take back a system payout (reward, welcome bonus, staking reward, revenue share), audited."""
    posted = await service.reverse_payout(
        session, transfer_id=transfer_id, reason=body.reason, actor_id=admin.id
    )
    # The reversal takes the payout back from a user's wallet: readable in its history.
    _locate_admin_transfer(response, posted.transfer.from_account.user_id, posted.transfer.id)
    _replay(response, posted.created)
    return posted.transfer


@router.post(
    "/admin/price",
    status_code=status.HTTP_201_CREATED,
    response_model=PricePoint,
)
async def set_price(
    body: PriceSet, admin: Admin, session: SessionDep, response: Response
) -> PricePoint:
    """Set the USD price of one BUZ (the history keeps every price)."""
    set_location(response, "/buz/price")
    return await service.set_price(
        session, actor_id=admin.id, price_usd=body.price_usd, note=body.note
    )


@router.get(
    "/admin/analytics",
    response_model=AnalyticsRead,
    dependencies=[Depends(require_permission("buz:mint"))],
)
async def read_analytics(
    session: SessionDep,
    days: Annotated[int, Query(ge=1, le=366, description="The period, in days.")] = 30,
) -> AnalyticsRead:
    """Transfer volume per day, active wallets, fees collected and the top holders."""
    return await service.analytics(session, days=days)


@router.get(
    "/admin/verify",
    response_model=LedgerReport,
    dependencies=[Depends(require_permission("buz:mint"))],
)
async def verify_ledger(session: SessionDep) -> LedgerReport:
    """Check every ledger invariant now (balances sum to zero, entries, supply)."""
    return await service.verify(session)
