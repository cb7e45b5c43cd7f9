using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Screen;
using KioskAgent.Taps;
using Microsoft.Extensions.Options;

using KioskAgent.Contracts.Staff;

namespace KioskAgent.Staff;

/// <summary>
/// Staff mode: a staff card tap puts the PIN pad on screen; the right PIN opens a session and the
/// staff home screen; the session ends on logout, after <see cref="StaffOptions.SessionIdleSeconds"/>
/// without activity, when the same staff card is tapped again, or when a member's tap takes the
/// screen. Ending it cancels <see cref="SessionEnded"/>, gives every claimed reader back and shows
/// idle. Login, refused PINs, lockouts and logouts are journaled (<see cref="StaffActions"/>).
/// </summary>
public sealed partial class StaffSessions : IStaffSessions, IDisposable
{
    public const string LoginAction = "login";
    public const string LockedAction = "login_locked";
    public const string LogoutAction = "logout";

    private readonly ScreenBroadcaster _screen;
    private readonly StaffPinGuard _pins;
    private readonly StaffActions _actions;
    private readonly StaffFeatureCatalog _features;
    private readonly StaffTapRouter _router;
    private readonly IOptions<StaffOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StaffSessions> _logger;
    private readonly Lock _gate = new();
    private StaffLogin? _pending;
    private Session? _session;

    public StaffSessions(ScreenBroadcaster screen, StaffPinGuard pins, StaffActions actions, StaffFeatureCatalog features, StaffTapRouter router, IOptions<StaffOptions> options, TimeProvider time, ILogger<StaffSessions> logger)
    {
        _screen = screen;
        _pins = pins;
        _actions = actions;
        _features = features;
        _router = router;
        _options = options;
        _time = time;
        _logger = logger;
        _actions.Recorded += staff =>
        {
            if (staff is not null && Current?.StaffId == staff.StaffId)
            {
                KeepAlive();
            }
        };
    }

    /// <summary>Raised after a session ended, with who and why ("logout", "idle_timeout", "card_tapped_again", "member_tap", "other_staff_card").</summary>
    public event Action<StaffIdentity, string>? Ended;

    public StaffIdentity? Current
    {
        get
        {
            lock (_gate)
            {
                return _session?.Member.Identity;
            }
        }
    }

    public CancellationToken SessionEnded
    {
        get
        {
            lock (_gate)
            {
                return _session?.Ending.Token ?? new CancellationToken(canceled: true);
            }
        }
    }

    public void KeepAlive()
    {
        lock (_gate)
        {
            _session?.Timer.Change(IdleTimeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Seconds without activity after which a session ends.</summary>
    public int IdleSeconds => _options.Value.SessionIdleSeconds;

    private TimeSpan IdleTimeout => TimeSpan.FromSeconds(_options.Value.SessionIdleSeconds);

    /// <summary>
    /// A staff card (or any card at a Staff reader while nobody is logged in) was tapped: the PIN pad
    /// for it, or, for the card of the session open now, the end of that session.
    /// </summary>
    public async Task StaffCardAsync(Tap tap, StaffMember? member, CancellationToken cancellationToken)
    {
        var cardKey = "card:" + tap.Card.Uid.Hex;
        Session? open;
        lock (_gate)
        {
            open = _session;
        }

        if (open is not null)
        {
            await EndAsync(open.CardKey == cardKey ? "card_tapped_again" : "other_staff_card", cancellationToken).ConfigureAwait(false);
            if (open.CardKey == cardKey)
            {
                return;
            }
        }

        var login = new StaffLogin(Guid.NewGuid().ToString("N"), cardKey, tap.Card.Uid.Masked(), tap.ReaderId, member);
        lock (_gate)
        {
            _pending = login;
            ShowLogin(login, "", _pins.LockedUntil(cardKey));
        }

        LogLoginShown(tap.ReaderId);
    }

    /// <summary>The PIN for the PIN pad <paramref name="loginId"/>; null when that PIN pad is no longer on screen.</summary>
    public async Task<PinEntry?> EnterPinAsync(string loginId, string pin, CancellationToken cancellationToken)
    {
        var login = OnScreen(loginId);
        if (login is null)
        {
            return null;
        }

        var result = await _pins.CheckAsync(login.CardKey, login.Member, pin, cancellationToken).ConfigureAwait(false);
        var identity = login.Member?.Identity;
        switch (result.Outcome)
        {
            case PinOutcome.Accepted:
                Open(login, login.Member!);
                await _actions.RecordLoginAsync(identity, LoginAction, StaffActions.Ok, login.ReaderId, CancellationToken.None).ConfigureAwait(false);
                return new PinEntry(true, "", TimeSpan.Zero);

            case PinOutcome.Wrong:
                await _actions.RecordLoginAsync(identity, LoginAction, PinEntry.PinWrong, login.ReaderId, CancellationToken.None).ConfigureAwait(false);
                Refuse(login, PinEntry.PinWrong, null);
                return new PinEntry(false, PinEntry.PinWrong, TimeSpan.Zero);

            default:
                if (result.JustLocked)
                {
                    await _actions.RecordLoginAsync(identity, LockedAction, PinEntry.Locked, login.ReaderId, CancellationToken.None).ConfigureAwait(false);
                    LogLockedOut(login.ReaderId, result.LockedUntil!.Value);
                }

                Refuse(login, PinEntry.Locked, result.LockedUntil);
                var left = result.LockedUntil!.Value - _time.GetUtcNow();
                return new PinEntry(false, PinEntry.Locked, left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }

    /// <summary>Leaves the PIN pad; false when it is no longer on screen.</summary>
    public bool CancelLogin(string loginId)
    {
        lock (_gate)
        {
            if (OnScreen(loginId) is null)
            {
                return false;
            }

            _pending = null;
            _screen.ShowIdle();
            return true;
        }
    }

    /// <summary>The staff home screen again (after a feature's screen), with an optional notice.</summary>
    public bool ShowHome(string noticeCode = "")
    {
        lock (_gate)
        {
            if (_session is not { } session)
            {
                return false;
            }

            var home = new StaffHomeView
            {
                StaffId = session.Member.StaffId,
                DisplayName = session.Member.Name,
                Role = StaffRoles.Name(session.Member.Role),
                IdleSeconds = (uint)_options.Value.SessionIdleSeconds,
                NoticeCode = noticeCode,
            };
            home.Features.AddRange(_features.For(session.Member.Identity));
            _screen.Show(new Contracts.V1.Screen { StaffHome = home }, TimeSpan.Zero);
            return true;
        }
    }

    /// <summary>Ends the session open now, if any, and journals why.</summary>
    public async Task EndAsync(string reason, CancellationToken cancellationToken)
    {
        Session? ended;
        lock (_gate)
        {
            ended = _session;
            _session = null;
            if (ended is null)
            {
                return;
            }

            ended.Timer.Dispose();
            _router.ReleaseAll();
            var view = _screen.Current.ViewCase;
            if (view is not (Contracts.V1.Screen.ViewOneofCase.Member or Contracts.V1.Screen.ViewOneofCase.Refusal or Contracts.V1.Screen.ViewOneofCase.StaffLogin))
            {
                _screen.ShowIdle();
            }
        }

        CancelQuietly(ended.Ending);
        LogEnded(ended.Member.StaffId, reason);
        Ended?.Invoke(ended.Member.Identity, reason);
        await _actions.RecordLoginAsync(ended.Member.Identity, LogoutAction, reason, "", cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _session?.Timer.Dispose();
            _session?.Ending.Dispose();
            _session = null;
        }
    }

    private void Open(StaffLogin login, StaffMember member)
    {
        lock (_gate)
        {
            _pending = null;
            var timer = _time.CreateTimer(_ => _ = EndOnIdleAsync(), null, IdleTimeout, Timeout.InfiniteTimeSpan);
            _session = new Session(member, login.CardKey, new CancellationTokenSource(), timer);
            ShowHome();
        }

        LogOpened(member.StaffId, StaffRoles.Name(member.Role));
    }

    private async Task EndOnIdleAsync()
    {
        try
        {
            await EndAsync("idle_timeout", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogEndFailed(ex.Message);
        }
    }

    private void Refuse(StaffLogin login, string reason, DateTimeOffset? lockedUntil)
    {
        lock (_gate)
        {
            // Only while the same PIN pad is up: a tap or timeout meanwhile moved the screen on.
            if (ReferenceEquals(_pending, login) && IsShown(login.LoginId))
            {
                ShowLogin(login, reason, lockedUntil);
            }
        }
    }

    private StaffLogin? OnScreen(string loginId)
    {
        lock (_gate)
        {
            return _pending is { } login && login.LoginId == loginId && IsShown(loginId) ? login : null;
        }
    }

    private bool IsShown(string loginId)
    {
        var current = _screen.Current;
        return current.ViewCase == Contracts.V1.Screen.ViewOneofCase.StaffLogin && current.StaffLogin.LoginId == loginId;
    }

    /// <summary>Under the gate.</summary>
    private void ShowLogin(StaffLogin login, string error, DateTimeOffset? lockedUntil)
    {
        var view = new StaffLoginView
        {
            LoginId = login.LoginId,
            MaskedCard = login.MaskedCard,
            ErrorCode = lockedUntil is null ? error : PinEntry.Locked,
            MinPinLength = StaffPinHash.MinPinLength,
            MaxPinLength = StaffPinHash.MaxPinLength,
        };
        if (lockedUntil is { } until)
        {
            view.LockedUntil = Timestamp.FromDateTimeOffset(until);
        }

        var stay = TimeSpan.FromSeconds(_options.Value.LoginTimeoutSeconds);
        if (lockedUntil is { } locked && locked - _time.GetUtcNow() > stay)
        {
            stay = locked - _time.GetUtcNow() + TimeSpan.FromSeconds(1);
        }

        _screen.Show(new Contracts.V1.Screen { StaffLogin = view }, stay);
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (AggregateException)
        {
            // A feature's clean-up threw; the session is over all the same.
        }
    }

    private sealed record Session(StaffMember Member, string CardKey, CancellationTokenSource Ending, ITimer Timer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff card at {ReaderId}: PIN pad shown")]
    private partial void LogLoginShown(string readerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff session opened: {StaffId} ({Role})")]
    private partial void LogOpened(string staffId, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff session of {StaffId} ended: {Reason}")]
    private partial void LogEnded(string staffId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff card at {ReaderId} locked out until {Until:u} after wrong PINs")]
    private partial void LogLockedOut(string readerId, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ending an idle staff session failed: {Error}")]
    private partial void LogEndFailed(string error);
}
