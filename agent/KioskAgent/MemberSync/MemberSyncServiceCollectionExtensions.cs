using KioskAgent.CentralLink;
using KioskAgent.Commands;
using KioskAgent.MemberSync.Live;

namespace KioskAgent.MemberSync;

public static class MemberSyncServiceCollectionExtensions
{
    /// <summary>Member snapshots and deltas from central, resync requests, sync_now, and live member answers.</summary>
    public static IServiceCollection AddMemberSync(this IServiceCollection services)
    {
        services.AddOptions<MemberSyncOptions>()
            .BindConfiguration(MemberSyncOptions.Section)
            .Validate(o => o.MaxChunkBytes is >= 1024 and <= 256 * 1024 * 1024, "MemberSync:MaxChunkBytes must be 1 KiB-256 MiB.")
            .Validate(o => o.MaxDeltaBytes is >= 1024 and <= 64 * 1024 * 1024, "MemberSync:MaxDeltaBytes must be 1 KiB-64 MiB.")
            .Validate(o => o.MaxAnswerBytes is >= 256 and <= 1024 * 1024, "MemberSync:MaxAnswerBytes must be 256 B-1 MiB.")
            .Validate(o => o.MaxChunksPerSnapshot is >= 1 and <= 1_000_000, "MemberSync:MaxChunksPerSnapshot must be 1-1000000.")
            .Validate(o => o.SnapshotAbandonSeconds is >= 5 and <= 86_400, "MemberSync:SnapshotAbandonSeconds must be 5-86400.")
            .Validate(o => o.ResyncMinIntervalSeconds is >= 1 and <= 86_400, "MemberSync:ResyncMinIntervalSeconds must be 1-86400.")
            .Validate(o => o.MaxHeldDeltas is >= 0 and <= 10_000, "MemberSync:MaxHeldDeltas must be 0-10000.")
            .Validate(o => o.QueueCapacity is >= 1 and <= 1024, "MemberSync:QueueCapacity must be 1-1024.")
            .ValidateOnStart();
        services.AddOptions<LiveQueryOptions>()
            .BindConfiguration(LiveQueryOptions.Section)
            .Validate(o => o.LiveQueryMilliseconds is >= 0 and <= 10_000, "Central:LiveQueryMilliseconds must be 0-10000.")
            .ValidateOnStart();

        services.AddSingleton<MemberSyncCounters>();
        services.AddSingleton<MemberSyncEngine>();
        services.AddSingleton<MemberSyncWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<MemberSyncWorker>());
        services.AddSingleton<IMqttInboundHandler, MemberSyncInbound>();
        services.AddSingleton<IHealthReportContributor, MemberSyncHealth>();
        services.AddSingleton<IKioskCommandHandler, SyncNowCommand>();
        services.AddSingleton<IVersionReset, MemberVersionReset>();

        services.AddSingleton<LiveMemberQuery>();
        services.AddSingleton<IMqttInboundHandler, MemberAnswerHandler>();
        services.AddSingleton<LiveMemberView>();
        return services;
    }
}
