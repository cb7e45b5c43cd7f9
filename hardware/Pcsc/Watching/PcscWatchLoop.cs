using System.Threading.Channels;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Pcsc.Native;

namespace KioskAgent.Hardware.Pcsc.Watching;

/// <summary>
/// The blocking side of a <see cref="PcscCardReader"/>: one dedicated thread that establishes the
/// pcscd contexts, finds the reader, waits in SCardGetStatusChange and turns what it sees into
/// <see cref="CardEvent"/>s. Every failure becomes an event and a retry; nothing escapes the thread.
/// </summary>
internal sealed class PcscWatchLoop
{
    private readonly string _readerId;
    private readonly string _readerPattern;
    private readonly PcscCardReaderOptions _options;
    private readonly TimeProvider _time;
    private readonly PcscReaderCounters _counters;
    private readonly ChannelWriter<CardEvent> _events;
    private readonly CancellationToken _stop;
    private readonly ReconnectBackoff _backoff;
    private readonly CardIdentifier _identifier;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The monitor context only blocks in SCardGetStatusChange (and lists readers); card connections
    // use their own context, because pcsc-lite serialises all calls of a context (see PcscContext).
    // Every call on the card context runs on its exchange thread, bounded by a deadline; a thread
    // that missed one becomes _stuck, and the next card gets a fresh context and thread.
    private PcscContext? _monitor;
    private PcscContext? _cards;
    private ExchangeThread? _exchange;
    private ExchangeThread? _stuck;
    private int _wakeRequested;
    private bool _hadContext;
    private ReaderStateSet? _readerState;
    private ReaderStateSet? _pnpState;
    private string? _readerName;
    private (bool Available, string Reason)? _reported;
    private CardSession? _card;

    public PcscWatchLoop(string readerId, string readerPattern, PcscCardReaderOptions options, TimeProvider time, PcscReaderCounters counters, ChannelWriter<CardEvent> events, CancellationToken stop)
    {
        _readerId = readerId;
        _readerPattern = readerPattern;
        _options = options;
        _time = time;
        _counters = counters;
        _events = events;
        _stop = stop;
        _backoff = new ReconnectBackoff(options.MinReconnectDelay, options.MaxReconnectDelay);
        _identifier = new CardIdentifier(readerId, counters);
    }

    public Task Completion => _completion.Task;

    /// <summary>The pcscd reader name being watched, once found.</summary>
    public string? ReaderName => Volatile.Read(ref _readerName);

    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = $"pcsc {_readerId}" };
        thread.Start();
    }

    /// <summary>Wakes the thread from SCardGetStatusChange; safe from any thread.</summary>
    public void Cancel() => Volatile.Read(ref _monitor)?.Cancel();

    /// <summary>Cancels until the thread has ended (a cancel that lands between two waits is otherwise lost).</summary>
    public async Task StopAsync()
    {
        while (!Completion.IsCompleted)
        {
            Cancel();
            await Task.WhenAny(Completion, Task.Delay(20)).ConfigureAwait(false);
        }
    }

    private void Run()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (RunStep() == Step.Backoff)
                {
                    _stop.WaitHandle.WaitOne(_backoff.Next());
                }
            }
        }
        finally
        {
            _card?.Link?.Close();
            DisposeContexts();
            _events.TryComplete();
            _completion.TrySetResult();
        }
    }

    private Step RunStep()
    {
        try
        {
            CheckExchange();
            if (_monitor is null && !TryEstablish())
            {
                return Step.Backoff;
            }

            return _readerName is null ? FindReader() : WatchReader();
        }
        catch (DllNotFoundException)
        {
            LoseContext(PcscReaderStatusReasons.LibraryMissing);
            return Step.Backoff;
        }
        catch (Exception) when (!_stop.IsCancellationRequested)
        {
            // A kiosk reader must outlive a bug here: start over from a fresh context.
            LoseContext(PcscReaderStatusReasons.Fault);
            return Step.Backoff;
        }
    }

    private bool TryEstablish()
    {
        var status = PcscContext.TryEstablish(out var monitor);
        if (status == ScardError.Success)
        {
            status = TryEstablishCards();
            if (status == ScardError.Success)
            {
                Volatile.Write(ref _monitor, monitor);
                _backoff.Reset();
                if (_hadContext)
                {
                    _counters.Reconnect();
                }

                _hadContext = true;
                return true;
            }

            monitor!.Dispose();
        }

        Report(false, PcscReaderStatusReasons.ServiceUnavailable);
        return false;
    }

    /// <summary>A card context and the thread that makes every call on it.</summary>
    private uint TryEstablishCards()
    {
        var status = PcscContext.TryEstablish(out var cards);
        if (status == ScardError.Success)
        {
            _cards = cards;
            _exchange = new ExchangeThread($"pcsc {_readerId} card", cards, abandoned: _ => Wake(), finished: t =>
            {
                if (t.IsAbandoned)
                {
                    Wake();
                }
            });
        }

        return status;
    }

    /// <summary>
    /// Takes note of an exchange that missed its deadline (here or in a consumer's transceiver) and of
    /// a stuck one that has returned at last; reports the reader stuck or available again.
    /// </summary>
    private void CheckExchange()
    {
        Volatile.Write(ref _wakeRequested, 0);
        var changed = false;
        if (_exchange is { IsAbandoned: true } abandoned)
        {
            // Its thread owns the context now and releases it when the native call returns.
            _stuck = abandoned;
            _exchange = null;
            _cards = null;
            _counters.Stuck();
            changed = true;
        }

        if (_stuck is { Completion.IsCompleted: true })
        {
            _stuck = null;
            changed = true;
        }

        if (changed && _readerName is not null && _reported is { Available: true } or { Reason: PcscReaderStatusReasons.CardStuck })
        {
            ReportAvailable();
        }
    }

    /// <summary>
    /// Wakes the thread so it sees an exchange change now rather than at the end of its wait.
    /// SCardCancel only ends a wait in progress, so it is repeated until the thread has looked.
    /// </summary>
    private void Wake()
    {
        if (Interlocked.Exchange(ref _wakeRequested, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            while (Volatile.Read(ref _wakeRequested) == 1 && !_stop.IsCancellationRequested)
            {
                Cancel();
                await Task.Delay(50).ConfigureAwait(false);
            }
        });
    }

    /// <summary>The reader works, unless an exchange on it is stuck.</summary>
    private void ReportAvailable()
    {
        if (_stuck is null)
        {
            Report(true, PcscReaderStatusReasons.ReaderAvailable);
        }
        else
        {
            Report(false, PcscReaderStatusReasons.CardStuck, faulted: true);
        }
    }

    private Step FindReader()
    {
        var status = _monitor!.ListReaders(out var readers);
        if (status != ScardError.Success)
        {
            return OnContextError();
        }

        var name = ReaderNameMatcher.Find(readers, _readerPattern);
        if (name is null)
        {
            Report(false, PcscReaderStatusReasons.ReaderNotFound);
            return WaitForReaderListChange();
        }

        _readerState = new ReaderStateSet(name);
        Volatile.Write(ref _readerName, name);
        ReportAvailable();
        return Step.Continue;
    }

    /// <summary>Waits on the PnP pseudo-reader until a reader is plugged in or out.</summary>
    private Step WaitForReaderListChange()
    {
        _pnpState ??= new ReaderStateSet(Scard.PnpNotification);
        var status = _monitor!.GetStatusChange(_pnpState, TimeoutMilliseconds);
        if (status is ScardError.Success or ScardError.Timeout or ScardError.Cancelled)
        {
            var unsupported = status == ScardError.Success && _pnpState.EventState(0).HasFlag(ReaderStates.Unknown);
            _pnpState.Acknowledge();
            if (unsupported)
            {
                _stop.WaitHandle.WaitOne(_options.ReaderPollInterval);
            }

            return Step.Continue;
        }

        return OnContextError();
    }

    private Step WatchReader()
    {
        var status = _monitor!.GetStatusChange(_readerState!, TimeoutMilliseconds);
        switch (status)
        {
            case ScardError.Success:
                OnReaderState();
                return Step.Continue;
            case ScardError.Timeout or ScardError.Cancelled:
                return Step.Continue;
            case ScardError.UnknownReader or ScardError.ReaderUnavailable:
                LoseReader();
                return Step.Continue;
            default:
                return OnContextError();
        }
    }

    private void OnReaderState()
    {
        var state = _readerState!.EventState(0);
        var counter = _readerState.EventCounter(0);
        var atr = _readerState.Atr(0);
        _readerState.Acknowledge();
        if ((state & (ReaderStates.Unknown | ReaderStates.Ignore)) != 0)
        {
            // pcsc-lite reports a reader that left its list as UNKNOWN | UNAVAILABLE.
            LoseReader();
            return;
        }

        if (state.HasFlag(ReaderStates.Unavailable))
        {
            RemoveCard();
            Report(false, PcscReaderStatusReasons.ReaderUnavailable);
            return;
        }

        ReportAvailable();
        var present = state.HasFlag(ReaderStates.Present);
        if (_card is not null && (!present || counter != _card.EventCounter))
        {
            // A changed counter with the card still present: it was swapped between two waits.
            RemoveCard();
        }

        if (present && _card is null)
        {
            _card = new CardSession(counter);
            IdentifyCard(state, atr);
        }
    }

    private void IdentifyCard(ReaderStates state, byte[] atr)
    {
        var deadline = new CardDeadline(_time, _options);
        var status = _exchange is null ? TryEstablishCards() : ScardError.Success;
        if (status != ScardError.Success)
        {
            _events.TryWrite(_identifier.Failed(_time.GetUtcNow(), PcscReadFailureReasons.ConnectFailed, $"SCardEstablishContext: {ScardError.Describe(status)}"));
            return;
        }

        var cardEvent = _identifier.Identify(_exchange!, _cards!, _readerName!, state, atr, deadline, _time.GetUtcNow(), out var link, _stop);
        _card!.Link = link;
        _events.TryWrite(cardEvent);
        CheckExchange();
    }

    private void RemoveCard()
    {
        if (_card is null)
        {
            return;
        }

        _card.Link?.Close();
        _card = null;
        _counters.Removal();
        _events.TryWrite(new CardRemoved(_readerId, _time.GetUtcNow()));
    }

    private void LoseReader()
    {
        RemoveCard();
        ForgetReader();
        _counters.ReaderLoss();
        Report(false, PcscReaderStatusReasons.ReaderRemoved);
    }

    /// <summary>A failed call on the monitor context: pcscd died or restarted (or the context broke otherwise).</summary>
    private Step OnContextError()
    {
        if (_stop.IsCancellationRequested)
        {
            return Step.Continue;
        }

        _counters.ServiceLoss();
        LoseContext(PcscReaderStatusReasons.ServiceUnavailable);
        return Step.Backoff;
    }

    private void LoseContext(string reason)
    {
        RemoveCard();
        ForgetReader();
        DisposeContexts();
        Report(false, reason);
    }

    private void ForgetReader()
    {
        _readerState?.Dispose();
        _readerState = null;
        Volatile.Write(ref _readerName, null);
    }

    private void DisposeContexts()
    {
        ForgetReader();
        _pnpState?.Dispose();
        _pnpState = null;
        Interlocked.Exchange(ref _monitor, null)?.Dispose();

        // The card context is released on its own thread; one that is stuck is abandoned to it.
        _exchange?.Stop(_options.ExchangeTimeout);
        _exchange = null;
        _cards = null;
    }

    private void Report(bool available, string reason, bool faulted = false)
    {
        if (_reported == (available, reason))
        {
            return;
        }

        _reported = (available, reason);
        _events.TryWrite(new ReaderStatusChanged(_readerId, _time.GetUtcNow(), available, reason) { Faulted = faulted });
    }

    private uint TimeoutMilliseconds => (uint)_options.StatusChangeTimeout.TotalMilliseconds;

    private enum Step
    {
        Continue,
        Backoff,
    }
}
