using KioskAgent.Commands;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class CommandReplayCacheTests
{
    [Fact]
    public async Task TryClaim_ARepeatedId_GetsTheFirstCommandsResult()
    {
        var cache = new CommandReplayCache(10);
        Assert.True(cache.TryClaim("a", out var first));
        first.SetResult(new KioskCommandResult { Id = "a", Ok = true, Message = "first" });

        Assert.False(cache.TryClaim("a", out var again));
        Assert.Equal("first", (await again.Task).Message);
    }

    [Fact]
    public void TryClaim_BeyondCapacity_ForgetsTheLeastRecentlyUsedId()
    {
        var cache = new CommandReplayCache(3);
        cache.TryClaim("a", out _);
        cache.TryClaim("b", out _);
        cache.TryClaim("c", out _);
        cache.TryClaim("a", out _); // a is now the most recent

        cache.TryClaim("d", out _);

        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryClaim("b", out _)); // b was evicted, so it is new again
        Assert.False(cache.TryClaim("a", out _));
    }

    [Fact]
    public void TryClaim_AFloodOfUniqueIds_StaysWithinCapacity()
    {
        var cache = new CommandReplayCache(100);
        for (var i = 0; i < 10_000; i++)
        {
            cache.TryClaim($"id-{i}", out _);
        }

        Assert.Equal(100, cache.Count);
    }

    [Fact]
    public void Forget_LetsTheSameIdRunLater()
    {
        var cache = new CommandReplayCache(10);
        cache.TryClaim("a", out _);
        cache.Forget("a");
        Assert.True(cache.TryClaim("a", out _));
    }

    [Theory]
    [InlineData("019ab1c2-7d3e-7abc-8def-0123456789ab", true)]
    [InlineData("ping", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("new\nline", false)]
    [InlineData("王小明", false)]
    public void IsToken_AcceptsOnlyPlainTokens(string value, bool expected) =>
        Assert.Equal(expected, CommandDispatcher.IsToken(value, CommandDispatcher.MaxIdLength));
}
