using KioskAgent.Contracts.V1;

namespace KioskAgent.Commands;

/// <summary>
/// The results of the most recent command ids, least recently used evicted first, so a repeated id
/// is answered from the first result instead of running again, with bounded memory whatever
/// central (or an attacker) sends.
/// </summary>
public sealed class CommandReplayCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Id, TaskCompletionSource<KioskCommandResult> Result)>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, TaskCompletionSource<KioskCommandResult> Result)> _recent = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>
    /// Claims <paramref name="id"/>: true with a fresh result slot for a new id, false with the first
    /// command's (possibly still running) result for a repeat.
    /// </summary>
    public bool TryClaim(string id, out TaskCompletionSource<KioskCommandResult> result)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(id, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
                result = node.Value.Result;
                return false;
            }

            result = new TaskCompletionSource<KioskCommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            _byId[id] = _recent.AddFirst((id, result));
            while (_byId.Count > capacity)
            {
                var oldest = _recent.Last!;
                _recent.RemoveLast();
                _byId.Remove(oldest.Value.Id);
            }

            return true;
        }
    }

    /// <summary>Remembers an id run before this start (<see cref="CommandIdStore"/>) with its first result.</summary>
    public void Seed(string id, KioskCommandResult first)
    {
        if (TryClaim(id, out var slot))
        {
            slot.TrySetResult(first);
        }
    }

    /// <summary>Forgets an id whose command was not run (e.g. the queue was full), so a retry runs it.</summary>
    public void Forget(string id)
    {
        lock (_gate)
        {
            if (_byId.Remove(id, out var node))
            {
                _recent.Remove(node);
            }
        }
    }
}
