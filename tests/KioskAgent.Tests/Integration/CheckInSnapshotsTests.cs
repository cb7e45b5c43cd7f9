using KioskAgent.Camera;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Camera;
using KioskAgent.Hardware.Camera.Kinds;
using KioskAgent.Hosting;
using KioskAgent.Tests.Hardware.Camera;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>The snapshot service other features call, over a file-fed camera and a real directory.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class CheckInSnapshotsTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("snapshots");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero));
    private readonly CameraCounters _counters = new();

    public void Dispose()
    {
        _counters.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private CheckInSnapshots Snapshots(string kind, int maxCount = 100, int maxAgeDays = 30)
    {
        var frame = QrImages.Write(_directory, "frame.png", QrImages.Png("KM1:q7X2-mP9_Lr4Tz8WvB1cN0"));
        var options = new CameraOptions
        {
            Kind = kind,
            Snapshots = new CameraSnapshotOptions { Directory = Path.Combine(_directory, "kept"), MaxCount = maxCount, MaxAgeDays = maxAgeDays, ReuseFrameMs = 0 },
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Devices:Camera:Path"] = frame }).Build();
        var camera = new CameraDevice(Options.Create(options), new DeviceKinds([CameraKinds.Files]), configuration, _time);
        return new CheckInSnapshots(camera, _counters, Options.Create(new KioskOptions { DataDirectory = _directory }), _time, NullLogger<CheckInSnapshots>.Instance);
    }

    private string[] Kept() => [.. Directory.EnumerateFiles(Path.Combine(_directory, "kept")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public async Task TakeAsync_SavesTheFrameUnderTheTransactionId_Atomically()
    {
        var result = await Snapshots("Files").TakeAsync("01a24acb-cd00-721c-8429-3bdeed4e0001", CancellationToken.None);

        Assert.True(result.Saved);
        Assert.Equal(["01a24acb-cd00-721c-8429-3bdeed4e0001.png"], Kept());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_directory, "frame.png")), await File.ReadAllBytesAsync(result.Path!));
        Assert.Equal(1, _counters.Get("camera.snapshots.saved"));
    }

    [Fact]
    public async Task TakeAsync_KeepsAtMostMaxCount_OldestGoFirst()
    {
        var snapshots = Snapshots("Files", maxCount: 2);
        foreach (var id in new[] { "t1", "t2", "t3" })
        {
            await snapshots.TakeAsync(id, CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(["t2.png", "t3.png"], Kept());
    }

    [Fact]
    public async Task TakeAsync_DropsSnapshotsOlderThanMaxAge()
    {
        var snapshots = Snapshots("Files", maxAgeDays: 1);
        await snapshots.TakeAsync("old", CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(2));

        await snapshots.TakeAsync("new", CancellationToken.None);

        Assert.Equal(["new.png"], Kept());
    }

    [Fact]
    public async Task WithoutACamera_OrWithAnUnsafeName_NothingIsSavedAndTheReasonIsGiven()
    {
        Assert.Equal(CameraReasons.NoCamera, (await Snapshots("None").TakeAsync("t1", CancellationToken.None)).Reason);
        Assert.Equal("bad_name", (await Snapshots("Files").TakeAsync("../escape", CancellationToken.None)).Reason);
        Assert.False(Directory.Exists(Path.Combine(_directory, "kept")) && Kept().Length > 0);
        Assert.Equal(1, _counters.Get("camera.snapshots.failed.bad_name"));
    }

    [Fact]
    public async Task AnUnpluggedCamera_IsAReason_NotAnException()
    {
        var snapshots = Snapshots("Files");
        File.Delete(Path.Combine(_directory, "frame.png"));

        Assert.Equal(CameraReasons.FileMissing, (await snapshots.TakeAsync("t1", CancellationToken.None)).Reason);
    }
}
