using KioskAgent.Contracts.V1;
using Microsoft.Data.Sqlite;

namespace KioskAgent.Journal;

/// <summary>
/// Group commit: appends that arrive while a commit is on its way to disk wait and then go to disk
/// together, in one SQLite transaction and so one fsync. Each caller still awaits its own durable
/// completion, so "journaled before shown" holds exactly as with <see cref="AppendAsync(Transaction, string, DateTimeOffset, CancellationToken)"/>;
/// only the rate changes (a fsync costs ~0.8 ms on our disks: one per tap caps a busy check-in near
/// the bare commit rate, docs/benchmarks.md). A batch that fails is retried one append at a time,
/// so one caller's bad rows never take the others' appends down with them.
/// </summary>
public sealed partial class TransactionJournal
{
    /// <summary>Bounds one commit's size, so a burst never makes one caller wait for thousands of others.</summary>
    internal const int MaxGroup = 256;

    private readonly Lock _groupGate = new();
    private List<GroupedAppend> _group = [];
    private bool _groupFlushing;

    /// <summary>
    /// As <see cref="AppendAsync(Transaction, string, DateTimeOffset, Action{SqliteTransaction, JournalEntry}?, CancellationToken)"/>,
    /// committed together with whatever other grouped appends are waiting. Cancelling stops the wait,
    /// not the append: once queued, it is committed (or fails) with its group.
    /// </summary>
    public Task<JournalEntry> AppendGroupedAsync(Transaction transaction, string kind, DateTimeOffset occurredAt, Action<SqliteTransaction, JournalEntry>? alsoWrite = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var append = new GroupedAppend(transaction, kind, occurredAt, alsoWrite);
        bool lead;
        lock (_groupGate)
        {
            _group.Add(append);
            lead = !_groupFlushing;
            _groupFlushing = true;
        }

        if (lead)
        {
            _ = Task.Run(FlushGroupsAsync, CancellationToken.None);
        }

        return append.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushGroupsAsync()
    {
        while (true)
        {
            List<GroupedAppend> batch;
            lock (_groupGate)
            {
                if (_group.Count == 0)
                {
                    _groupFlushing = false;
                    return;
                }

                batch = _group.Count <= MaxGroup ? _group : _group[..MaxGroup];
                _group = _group.Count <= MaxGroup ? [] : _group[MaxGroup..];
            }

            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                CommitGroup(batch);
            }
            finally
            {
                _gate.Release();
            }

            Appended?.Invoke();
        }
    }

    /// <summary>Under the gate: the whole group in one commit, or, when that fails, each alone.</summary>
    private void CommitGroup(List<GroupedAppend> batch)
    {
        try
        {
            var entries = Committed(() =>
            {
                using var tx = _connection.BeginTransaction(deferred: false);
                var made = batch.Select(a => InsertWithin(tx, a.Transaction, a.Kind, a.OccurredAt, a.AlsoWrite)).ToList();
                tx.Commit();
                return made;
            });
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(entries[i]);
            }

            return;
        }
        catch (Exception ex) when (batch.Count == 1 || Volatile.Read(ref _damaged) is not null)
        {
            batch.ForEach(a => a.Completion.TrySetException(ex));
            return;
        }
        catch (Exception)
        {
            // Retried one by one below: only the appends that fail alone fail.
        }

        foreach (var append in batch)
        {
            try
            {
                append.Completion.TrySetResult(Committed(() => Insert(append.Transaction, append.Kind, append.OccurredAt, append.AlsoWrite)));
            }
            catch (Exception ex)
            {
                append.Completion.TrySetException(ex);
            }
        }
    }

    private sealed record GroupedAppend(Transaction Transaction, string Kind, DateTimeOffset OccurredAt, Action<SqliteTransaction, JournalEntry>? AlsoWrite)
    {
        public TaskCompletionSource<JournalEntry> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
