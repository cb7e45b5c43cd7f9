using KioskAgent.Hosting;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

/// <summary>The glibc calls the agent makes to keep its native heap small (Debian's C library is glibc).</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class NativeHeapTrimmerTests
{
    [Fact]
    public void GlibcCalls_AreFound_AndTheResidentSetIsRead()
    {
        Assert.True(NativeHeapTrimmer.LimitArenas(), "mallopt(M_ARENA_MAX, 2) is accepted");
        Assert.NotNull(NativeHeapTrimmer.TrimNow());
        var resident = NativeHeapTrimmer.ResidentBytes();
        Assert.InRange(resident, 10_000_000, 10_000_000_000);
    }
}
