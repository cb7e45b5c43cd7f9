using KioskAgent.Devices;
using KioskAgent.Devices.Health;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Taps;

/// <summary>
/// A technician's self-test of a card reader: holds the reader (<see cref="ReaderTestClaims"/>, so
/// the card opens no member screen), waits a bounded time for a card and reports its technology,
/// its UID masked (<see cref="Hardware.CardReaders.CardUid.Masked"/>) and whether it passed the
/// site's identity check, by reason only. Neither the whole UID nor a member number the card
/// carries reaches the result, the log or the audit.
/// </summary>
public sealed partial class CardReaderSelfTest(
    CardReaderRegistry readers,
    ReaderTestClaims claims,
    DeviceHealthRegistry health,
    ILogger<CardReaderSelfTest> logger)
{
    public const string Kind = "card_reader";

    /// <summary>How long a test waits for a card unless the technician says otherwise.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    /// <summary>The longest wait a technician may ask for.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(120);

    /// <summary>The result for <paramref name="deviceId"/>, or null when it is not a configured card reader.</summary>
    public async Task<(bool Passed, string Kind, string Detail)?> RunAsync(string deviceId, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (readers.Readers.FirstOrDefault(r => r.Options.Id == deviceId) is not { } reader)
        {
            return null;
        }

        if (health.Get(deviceId) is { State: DeviceState.Absent or DeviceState.Fault } broken)
        {
            return (false, Kind, $"not tested: the reader is {broken.State.ToString().ToLowerInvariant()} ({broken.Reason})");
        }

        using var claim = claims.TryClaim(deviceId);
        if (claim is null)
        {
            return (false, Kind, "not tested: another self-test is waiting for a card on this reader");
        }

        LogWaiting(deviceId, wait.TotalSeconds);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wait);
        ReaderTestRead read;
        try
        {
            read = await claim.NextReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogNoCard(deviceId, wait.TotalSeconds);
            return (false, Kind, $"no card within {wait.TotalSeconds:0} s on {reader.Options.Kind} reader {deviceId}");
        }

        var (passed, detail) = Describe(read);
        LogRead(deviceId, passed, detail);
        return (passed, Kind, detail);
    }

    private static (bool Passed, string Detail) Describe(ReaderTestRead read)
    {
        if (read.Tap is not { } tap)
        {
            // The reason is the reader's own code; its detail may quote card bytes, so it stays out.
            return (false, $"a card was presented but could not be read: {read.Failure!.Reason}");
        }

        var card = tap.Card;
        var atr = card.Atr is { Length: > 0 } bytes ? $", ATR {Convert.ToHexString(bytes)}" : "";
        var identity = tap.Identity.Identity is { } id
            ? $"identity check passed ({id.Mode}{(id.IsWeak ? ": UID only, a clone would pass" : "")})"
            : $"identity check refused it ({tap.Identity.RefusalReason})";
        return (true, $"read a {card.Technology} card, UID {card.Uid.Masked()} ({card.Uid.Hex.Length / 2} bytes){atr}; {identity}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Self-test of card reader {ReaderId}: waiting up to {Seconds} s for a card")]
    private partial void LogWaiting(string readerId, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Self-test of card reader {ReaderId}: no card within {Seconds} s")]
    private partial void LogNoCard(string readerId, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Self-test of card reader {ReaderId}: passed={Passed}, {Detail}")]
    private partial void LogRead(string readerId, bool passed, string detail);
}
