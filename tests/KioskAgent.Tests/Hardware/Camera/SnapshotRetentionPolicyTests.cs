using KioskAgent.Hardware.Camera.Snapshots;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class SnapshotRetentionPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SelectForDeletion_WithinAllLimits_DeletesNothing()
    {
        var policy = new SnapshotRetentionPolicy(MaxCount: 3, MaxBytes: 300, MaxAge: TimeSpan.FromDays(1));

        Assert.Empty(policy.SelectForDeletion([File("a", 100, 1), File("b", 100, 2)], Now));
    }

    [Fact]
    public void SelectForDeletion_OverCount_DeletesOldestFirst()
    {
        var policy = new SnapshotRetentionPolicy(MaxCount: 2, MaxBytes: long.MaxValue, MaxAge: TimeSpan.FromDays(1));

        var deleted = policy.SelectForDeletion([File("new", 1, 1), File("old", 1, 3), File("mid", 1, 2)], Now);

        Assert.Equal(["old"], deleted.Select(f => f.Name));
    }

    [Fact]
    public void SelectForDeletion_OverBytes_DeletesOldestUntilUnderTheLimit()
    {
        var policy = new SnapshotRetentionPolicy(MaxCount: 100, MaxBytes: 250, MaxAge: TimeSpan.FromDays(1));

        var deleted = policy.SelectForDeletion([File("a", 100, 4), File("b", 100, 3), File("c", 100, 2), File("d", 100, 1)], Now);

        Assert.Equal(["a", "b"], deleted.Select(f => f.Name));
    }

    [Fact]
    public void SelectForDeletion_OlderThanMaxAge_DeletesThemEvenUnderOtherLimits()
    {
        var policy = new SnapshotRetentionPolicy(MaxCount: 100, MaxBytes: long.MaxValue, MaxAge: TimeSpan.FromHours(5));

        var deleted = policy.SelectForDeletion([File("fresh", 1, 4), File("stale", 1, 6), File("ancient", 1, 48)], Now);

        Assert.Equal(["ancient", "stale"], deleted.Select(f => f.Name));
    }

    [Fact]
    public void SelectForDeletion_ExactlyAtMaxAge_IsKept()
    {
        var policy = new SnapshotRetentionPolicy(MaxAge: TimeSpan.FromHours(5));

        Assert.Empty(policy.SelectForDeletion([File("edge", 1, 5)], Now));
    }

    [Fact]
    public void SelectForDeletion_SameTime_BreaksTiesByName()
    {
        var policy = new SnapshotRetentionPolicy(MaxCount: 1, MaxAge: TimeSpan.FromDays(1));

        var deleted = policy.SelectForDeletion([File("b", 1, 1), File("a", 1, 1)], Now);

        Assert.Equal(["a"], deleted.Select(f => f.Name));
    }

    private static SnapshotFile File(string name, long length, double hoursAgo) => new(name, length, Now.AddHours(-hoursAgo));
}
