using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace KioskAgent.Hardware.Pcsc.Native;

/// <summary>
/// The one thread that makes every call on one card context (SCardConnect, SCardTransmit,
/// SCardDisconnect, SCardReleaseContext); callers wait for it with a deadline. pcsc-lite cannot cancel
/// SCardTransmit (SCardCancel only ends SCardGetStatusChange), and a second thread that calls into
/// the same context blocks on that context's mutex while it holds the library's global lock
/// (winscard_clnt.c, SCardGetAndLockContext), which would stall every PC/SC call of the process. So
/// after a missed deadline the thread is abandoned: it takes no more work, and it releases what it
/// owns by itself once the native call returns (the card answers, leaves, or pcscd goes away).
/// </summary>
internal sealed class ExchangeThread
{
    private readonly BlockingCollection<Work> _queue = [];
    private readonly List<IDisposable> _owned = [];
    private readonly Action<ExchangeThread>? _abandoned;
    private readonly Action<ExchangeThread>? _finished;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    /// <param name="owned">Released on this thread, last, when it ends (the card context).</param>
    /// <param name="abandoned">Called once, on the caller's thread, when a call missed its deadline.</param>
    /// <param name="finished">Called on this thread after it released everything, abandoned or not.</param>
    public ExchangeThread(string name, IDisposable? owned = null, Action<ExchangeThread>? abandoned = null, Action<ExchangeThread>? finished = null)
    {
        if (owned is not null)
        {
            _owned.Add(owned);
        }

        _abandoned = abandoned;
        _finished = finished;
        new Thread(Run) { IsBackground = true, Name = name }.Start();
    }

    /// <summary>A call missed its deadline: no more work is taken.</summary>
    public bool IsAbandoned => Volatile.Read(ref _state) == Abandoned;

    /// <summary>Completes when the thread has released everything it owns and ended.</summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// Runs <paramref name="call"/> on this thread and waits at most <paramref name="timeout"/>. False
    /// when it did not return in time (the thread is then abandoned), when the thread no longer takes
    /// work, or when <paramref name="cancellationToken"/> ended the wait. Exceptions of the call are rethrown.
    /// </summary>
    public bool TryRun<T>(Func<T> call, TimeSpan timeout, [MaybeNullWhen(false)] out T result, CancellationToken cancellationToken = default)
    {
        result = default;
        var work = new Work<T>(call);
        if (!TryAdd(work))
        {
            return false;
        }

        bool done;
        try
        {
            done = work.Done.Wait(timeout, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            done = false;
        }

        if (!done)
        {
            Abandon();
            return false;
        }

        work.Done.Dispose();
        work.Error?.Throw();
        result = work.Result!;
        return !work.Skipped;
    }

    /// <summary>Hands <paramref name="resource"/> to this thread: released when the thread ends, unless released before.</summary>
    public void Own(IDisposable resource)
    {
        lock (_owned)
        {
            _owned.Add(resource);
        }
    }

    /// <summary>
    /// Releases <paramref name="resource"/> on this thread without waiting (SCardDisconnect when the card
    /// left). When the thread takes no more work, it releases it anyway when it ends.
    /// </summary>
    public void Release(IDisposable resource) => TryAdd(new Work<bool>(() =>
    {
        lock (_owned)
        {
            _owned.Remove(resource);
        }

        resource.Dispose();
        return true;
    }));

    /// <summary>Lets the thread release what it owns and end; waits for that at most <paramref name="timeout"/>, then abandons it.</summary>
    public void Stop(TimeSpan timeout)
    {
        if (Interlocked.CompareExchange(ref _state, Stopping, Running) == Running)
        {
            _queue.CompleteAdding();
        }

        if (!Completion.Wait(timeout))
        {
            Abandon();
        }
    }

    private bool TryAdd(Work work)
    {
        if (Volatile.Read(ref _state) != Running)
        {
            return false;
        }

        try
        {
            return _queue.TryAdd(work);
        }
        catch (InvalidOperationException)
        {
            // Completed for adding by Stop or Abandon between the check and the add.
            return false;
        }
    }

    private void Abandon()
    {
        if (Interlocked.Exchange(ref _state, Abandoned) == Abandoned)
        {
            return;
        }

        try
        {
            _queue.CompleteAdding();
        }
        catch (ObjectDisposedException)
        {
        }

        _abandoned?.Invoke(this);
    }

    private void Run()
    {
        try
        {
            foreach (var work in _queue.GetConsumingEnumerable())
            {
                // Work queued behind a call that missed its deadline would talk to the same silent card.
                if (IsAbandoned)
                {
                    work.Skip();
                }
                else
                {
                    work.Execute();
                }
            }
        }
        finally
        {
            ReleaseOwned();
            _completion.TrySetResult();
            _finished?.Invoke(this);
        }
    }

    private void ReleaseOwned()
    {
        IDisposable[] owned;
        lock (_owned)
        {
            owned = [.. _owned];
            _owned.Clear();
        }

        // Connections before their context: SCardDisconnect needs the context alive.
        for (var i = owned.Length - 1; i >= 0; i--)
        {
            owned[i].Dispose();
        }
    }

    private const int Running = 0, Stopping = 1, Abandoned = 2;

    private abstract class Work
    {
        public ManualResetEventSlim Done { get; } = new();

        public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Error { get; protected set; }

        public bool Skipped { get; private set; }

        public abstract void Execute();

        public void Skip()
        {
            Skipped = true;
            Done.Set();
        }
    }

    private sealed class Work<T>(Func<T> call) : Work
    {
        public T? Result { get; private set; }

        public override void Execute()
        {
            try
            {
                Result = call();
            }
            catch (Exception ex)
            {
                Error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                Done.Set();
            }
        }
    }
}
