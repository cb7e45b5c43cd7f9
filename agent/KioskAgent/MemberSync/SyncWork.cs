using KioskAgent.Contracts.V1;

namespace KioskAgent.MemberSync;

/// <summary>
/// One item for the <see cref="MemberSyncWorker"/>: a member message with its decoding (started when
/// it arrived, so chunks are parsed and hashed in parallel while earlier ones are stored), or an
/// operator's resync request or version reset.
/// </summary>
public sealed record SyncWork(
    SyncWorkKind Kind,
    InboundMemberMessage? Message = null,
    Task<Decoded<MemberSnapshotChunk>>? Chunk = null,
    Task<Decoded<MemberDelta>>? Delta = null,
    TaskCompletionSource<bool>? Done = null,
    TaskCompletionSource<(ulong Before, bool Requested)>? ResetDone = null);
