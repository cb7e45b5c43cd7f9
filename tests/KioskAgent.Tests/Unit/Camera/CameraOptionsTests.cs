using KioskAgent.Camera;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class CameraOptionsTests
{
    [Fact]
    public void NoCamera_IsValidAndDisabled()
    {
        var options = new CameraOptions();

        Assert.Empty(options.Problems());
        Assert.False(options.Enabled);
    }

    [Fact]
    public void EveryProblem_IsNamed()
    {
        var problems = new CameraOptions { Kind = "Files", Id = "a b", MaxFramesPerSecond = 0, MaxCpuPercent = 101 }.Problems().ToList();

        Assert.Contains(problems, p => p.Contains("Devices:Camera:Id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Devices:Camera:Path is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MaxFramesPerSecond", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MaxCpuPercent", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Webcam")]
    [InlineData("2")]
    public void AnUnknownKind_IsAProblem(string kind) =>
        Assert.Contains("is not a camera kind", Assert.Single(new CameraOptions { Kind = kind }.Problems()), StringComparison.Ordinal);
}
