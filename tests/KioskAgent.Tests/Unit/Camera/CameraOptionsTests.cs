using KioskAgent.Camera;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Camera.Kinds;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Configuration;

namespace KioskAgent.Tests.Unit.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class CameraOptionsTests
{
    private static IReadOnlyList<string> Problems(CameraOptions options, Dictionary<string, string?>? section = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(section ?? []).Build();
        var validator = new CameraOptionsValidator(new DeviceKinds([CameraKinds.Files, CameraKinds.V4l2, CameraKinds.RpiCamera]), configuration);
        return validator.Validate(null, options).Failures?.ToList() ?? [];
    }

    [Fact]
    public void NoCamera_IsValidAndDisabled()
    {
        var options = new CameraOptions();

        Assert.Empty(Problems(options));
        Assert.False(options.Enabled);
    }

    [Fact]
    public void EveryProblem_IsNamed_IncludingTheKindsOwn()
    {
        var problems = Problems(new CameraOptions { Kind = "Files", Id = "a b", MaxFramesPerSecond = 0, MaxCpuPercent = 101 });

        Assert.Contains(problems, p => p.Contains("Devices:Camera:Id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Devices:Camera:Path is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MaxFramesPerSecond", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("MaxCpuPercent", StringComparison.Ordinal));
    }

    [Fact]
    public void AKindsSettings_AreBoundFromTheCameraSection() =>
        Assert.Contains(
            "Devices:Camera:Width and Height must be 16-4096.",
            Problems(new CameraOptions { Kind = "v4l2" }, new() { ["Devices:Camera:Width"] = "8" }));

    [Theory]
    [InlineData("Webcam")]
    [InlineData("2")]
    public void AnUnknownKind_IsAProblem_ListingTheKinds(string kind) =>
        Assert.Contains("is not a camera kind; use one of: None, Files, V4l2, RpiCamera", Assert.Single(Problems(new CameraOptions { Kind = kind })), StringComparison.Ordinal);
}
