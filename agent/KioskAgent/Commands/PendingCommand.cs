using KioskAgent.Contracts.V1;

namespace KioskAgent.Commands;

/// <summary>A parsed, accepted command waiting to run.</summary>
public sealed record PendingCommand(
    KioskCommand Command,
    IKioskCommandHandler Handler,
    CommandReplyTarget Reply,
    DateTimeOffset? ExpiresAt,
    TaskCompletionSource<KioskCommandResult> Result,
    string Topic);
