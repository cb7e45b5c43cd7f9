using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using Microsoft.Extensions.Options;

namespace KioskAgent.Screen;

/// <summary>
/// Owns what the kiosk screen shows. Every change gets the next sequence number and goes to every
/// watching UI; a member or refusal screen returns to idle by itself after its timeout.
/// </summary>
public sealed class ScreenBroadcaster : IDisposable
{
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<ScreenOptions> _options;
    private readonly Lock _gate = new();
    private readonly List<Channel<Contracts.V1.Screen>> _watchers = [];
    private Contracts.V1.Screen _current;
    private ulong _sequence;
    private ulong _shown;
    private LinkState _link = new();
    private bool _qrAccepted;
    private Contracts.V1.Screen? _home;
    private ITimer? _clearTimer;

    /// <summary>Timeouts and greeting are read at each use, so a change from central applies to the next screen.</summary>
    public ScreenBroadcaster(IOptionsMonitor<ScreenOptions> options, TimeProvider time)
    {
        _time = time;
        _options = options;
        _current = Stamp(IdleScreen(), TimeSpan.Zero);
    }

    /// <summary>Fixed options (tests); the host uses the monitor so central's changes apply.</summary>
    internal ScreenBroadcaster(IOptions<ScreenOptions> options, TimeProvider time)
        : this(new FixedMonitor(options.Value), time)
    {
    }

    public Contracts.V1.Screen Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public void ShowMember(MemberView member) =>
        Show(new Contracts.V1.Screen { Member = member }, TimeSpan.FromSeconds(_options.CurrentValue.ClearAfterSeconds));

    public void ShowRefusal(RefusalView refusal) =>
        Show(new Contracts.V1.Screen { Refusal = refusal }, TimeSpan.FromSeconds(_options.CurrentValue.RefusalClearAfterSeconds));

    public void ShowIdle() => Show(IdleScreen(), TimeSpan.Zero);

    /// <summary>
    /// Changes the member screen of one tap in place (e.g. live figures from central), if it is
    /// still showing: a new sequence, but the same shown_at and clear time, so the countdown goes on.
    /// False when the screen moved on (another tap, cleared).
    /// </summary>
    public bool UpdateMember(string transactionId, Action<MemberView> change)
    {
        lock (_gate)
        {
            if (_current.ViewCase != Contracts.V1.Screen.ViewOneofCase.Member || _current.Member.TransactionId != transactionId)
            {
                return false;
            }

            var next = _current.Clone();
            change(next.Member);
            next.Sequence = ++_sequence;
            _current = next;
            Publish();
            return true;
        }
    }

    /// <summary>
    /// Whether central is reachable and how old the member data is, carried on every screen from
    /// now on. A change re-sends the screen that is shown (next sequence, same shown_at and clear
    /// time, so a countdown goes on) so the page shows or hides its offline banner at once.
    /// </summary>
    public void SetLink(LinkState link)
    {
        lock (_gate)
        {
            if (link.Equals(_link))
            {
                return;
            }

            _link = link.Clone();
            var next = _current.Clone();
            next.Link = _link.Clone();
            next.Sequence = ++_sequence;
            _current = next;
            Publish();
        }
    }

    /// <summary>
    /// Whether the kiosk takes the QR code of a digital member card: the QR path says so while its
    /// scanner runs, and the idle screen invites members to show one only then. An idle screen on
    /// show is re-sent at once.
    /// </summary>
    public void SetQrAccepted(bool accepted)
    {
        lock (_gate)
        {
            if (accepted == _qrAccepted)
            {
                return;
            }

            _qrAccepted = accepted;
            if (_current.ViewCase == Contracts.V1.Screen.ViewOneofCase.Idle)
            {
                ShowIdle();
            }
        }
    }

    /// <summary>
    /// Puts a screen where idle would be (the enrollment screen of a kiosk that waits for a
    /// technician): shown at once in place of idle, and every later return to idle (a member screen
    /// timing out, staff logging out) lands on it. A changed one is re-sent at once if on show;
    /// null brings the idle screen back. A member's or staff screen on show is left alone.
    /// </summary>
    public void SetHome(Contracts.V1.Screen? home)
    {
        lock (_gate)
        {
            var showingHome = _home is not null && _current.ViewCase == _home.ViewCase;
            if (home is null ? _home is null : home.Equals(_home))
            {
                return;
            }

            _home = home?.Clone();
            if (showingHome || _current.ViewCase == Contracts.V1.Screen.ViewOneofCase.Idle)
            {
                ShowIdle();
            }
        }
    }

    /// <summary>The current screen, then every change, until cancelled.</summary>
    public async IAsyncEnumerable<Contracts.V1.Screen> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Only the latest screen matters to a slow watcher.
        var channel = Channel.CreateBounded<Contracts.V1.Screen>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            channel.Writer.TryWrite(_current);
            _watchers.Add(channel);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var screen))
                {
                    yield return screen;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }

    public void Dispose() => _clearTimer?.Dispose();

    /// <summary>
    /// Replaces the screen only while the one numbered <paramref name="sequence"/> is still shown
    /// (e.g. a voucher's print status on its own done screen); false when something else is on screen.
    /// The same screen re-sent in place (live figures, the link state) still counts as shown.
    /// </summary>
    public bool ShowIfCurrent(ulong sequence, Contracts.V1.Screen screen, TimeSpan clearAfter)
    {
        lock (_gate)
        {
            if (_shown != sequence)
            {
                return false;
            }

            Show(screen, clearAfter); // System.Threading.Lock is re-entrant
            return true;
        }
    }

    /// <summary>
    /// Shows a feature's own screen (e.g. the gift screens); back to idle after <paramref name="clearAfter"/>
    /// unless zero. Returns the screen's sequence number (for <see cref="ShowIfCurrent"/>).
    /// </summary>
    public ulong Show(Contracts.V1.Screen screen, TimeSpan clearAfter)
    {
        lock (_gate)
        {
            _clearTimer?.Dispose();
            _clearTimer = null;
            _current = Stamp(screen, clearAfter);
            _shown = _current.Sequence;
            if (clearAfter > TimeSpan.Zero)
            {
                var shown = _shown;
                _clearTimer = _time.CreateTimer(_ => ClearIfStill(shown), null, clearAfter, Timeout.InfiniteTimeSpan);
            }

            Publish();
            return _current.Sequence;
        }
    }

    /// <summary>Under the gate.</summary>
    private void Publish()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Writer.TryWrite(_current);
        }
    }

    private void ClearIfStill(ulong shown)
    {
        lock (_gate)
        {
            if (_shown != shown)
            {
                return;
            }
        }

        ShowIdle();
    }

    private Contracts.V1.Screen Stamp(Contracts.V1.Screen screen, TimeSpan clearAfter)
    {
        screen.Sequence = ++_sequence;
        screen.ShownAt = Timestamp.FromDateTimeOffset(_time.GetUtcNow());
        screen.ClearAfterSeconds = (uint)clearAfter.TotalSeconds;
        screen.Link = _link.Clone();
        return screen;
    }

    /// <summary>The idle screen, or the home screen put in its place.</summary>
    private Contracts.V1.Screen IdleScreen()
    {
        if (_home is { } home)
        {
            return home.Clone();
        }

        var options = _options.CurrentValue;
        return new() { Idle = new IdleView { Greeting = options.IdleGreeting, DimAfterSeconds = (uint)options.DimAfterSeconds, QrAccepted = _qrAccepted } };
    }

    private sealed class FixedMonitor(ScreenOptions value) : IOptionsMonitor<ScreenOptions>
    {
        public ScreenOptions CurrentValue => value;

        public ScreenOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ScreenOptions, string?> listener) => null;
    }
}
