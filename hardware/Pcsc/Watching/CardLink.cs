using KioskAgent.Hardware.Pcsc.Native;

namespace KioskAgent.Hardware.Pcsc.Watching;

/// <summary>
/// The connection to one card, used through its context's <see cref="ExchangeThread"/> and within
/// the card's <see cref="CardDeadline"/>. A missed deadline is <see cref="ScardError.Timeout"/>; the
/// exchange thread is then abandoned, so every later exchange on this link fails at once too.
/// </summary>
/// <param name="stop">Ends a wait early when the reader stops (the exchange thread is then abandoned too).</param>
internal sealed class CardLink(ExchangeThread thread, PcscCardConnection connection, CardDeadline deadline, CancellationToken stop)
{
    public PcscCardConnection Connection => connection;

    public bool IsClosed => connection.IsClosed;

    /// <summary>SCardTransmit within the deadline; <paramref name="timedOutAfter"/> says how long was waited when it was missed.</summary>
    public uint Transmit(ReadOnlySpan<byte> command, out byte[] response, out TimeSpan timedOutAfter)
    {
        response = [];
        timedOutAfter = deadline.Next();
        if (timedOutAfter <= TimeSpan.Zero)
        {
            timedOutAfter = TimeSpan.Zero;
            return ScardError.Timeout;
        }

        var apdu = command.ToArray();
        if (!thread.TryRun(() => (Status: connection.Transmit(apdu, out var answer), Answer: answer), timedOutAfter, out var result, stop))
        {
            return ScardError.Timeout;
        }

        response = result.Answer;
        return result.Status;
    }

    /// <summary>Disconnects on the exchange thread, without waiting for it.</summary>
    public void Close() => thread.Release(connection);
}
