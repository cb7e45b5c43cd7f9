using System.Collections.Concurrent;
using KioskAgent.Devices;
using KioskAgent.Devices.Health;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Taps;

/// <summary>
/// A card reader's health from its events: its own status (available, absent, faulted), and "last card
/// unreadable" after a failed read, which the next good read clears again (back to the reader's status).
/// </summary>
internal sealed class ReaderHealthReporter(DeviceHealthRegistry health)
{
    private const string Kind = "card_reader";

    // The reason in effect before a failed read replaced it, per reader that has an unread failure.
    private readonly ConcurrentDictionary<string, string> _beforeFailure = new(StringComparer.Ordinal);

    public void Status(CardReaderOptions reader, ReaderStatusChanged status)
    {
        _beforeFailure.TryRemove(status.ReaderId, out _);
        var state = status.Available ? DeviceState.Ok : status.Faulted ? DeviceState.Fault : DeviceState.Absent;
        health.Report(status.ReaderId, Kind, reader.Kind, state, status.Reason);
    }

    public void ReadFailed(CardReaderOptions reader, CardReadFailed failed)
    {
        var current = health.Get(failed.ReaderId);
        if (current is { State: not DeviceState.Ok })
        {
            // A faulted or missing reader keeps saying why; one bad card is not news then.
            return;
        }

        _beforeFailure.TryAdd(failed.ReaderId, current?.Reason ?? "ok");
        health.Report(failed.ReaderId, Kind, reader.Kind, DeviceState.Ok, $"last card unreadable: {failed.Reason}");
    }

    public void ReadSucceeded(CardReaderOptions reader, CardPresented presented)
    {
        if (_beforeFailure.TryRemove(presented.ReaderId, out var reason))
        {
            health.Report(presented.ReaderId, Kind, reader.Kind, DeviceState.Ok, reason);
        }
    }
}
