namespace KioskAgent.Journal;

/// <summary>
/// What applying one ack from central did: <see cref="Refusal"/> names why the whole ack was refused
/// (nothing applied), otherwise <see cref="Settled"/> lists the transactions it settled now
/// (already settled ones are not repeated).
/// </summary>
public sealed record AckApplication(string? Refusal, IReadOnlyList<TransactionSettlement> Settled)
{
    public static AckApplication Refused(string reason) => new(reason, []);
}
