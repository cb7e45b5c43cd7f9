using System.Diagnostics;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>The local API as tools see it: kioskctl over a Unix socket, reflection for generic clients, argument checks.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class LocalApiTests : IAsyncLifetime
{
    private readonly string _socket = Path.Combine(TestPaths.NewTempDirectory("sock"), "agent.sock");
    private AgentProcess _agent = null!;

    public async Task InitializeAsync() =>
        _agent = await AgentProcess.StartAsync(new AgentSettings
        {
            Demo = true,
            EmbeddedBroker = true,
            ConfigFileContent = """{ "Screen": { "IdleGreeting": "欢迎来到测试门店" } }""",
            Extra = new Dictionary<string, string> { ["Api__UnixSocketPath"] = _socket },
        });

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Kioskctl_OverUnixSocket_ShowsInfoAndTapsACard()
    {
        var (infoExit, info) = await KioskctlAsync($"--agent unix:{_socket} info");
        Assert.Equal(0, infoExit);
        Assert.Contains($"kiosk {_agent.Settings.KioskId} at site {_agent.Settings.SiteId}", info, StringComparison.Ordinal);
        Assert.Contains("demo mode", info, StringComparison.Ordinal);

        var (tapExit, tap) = await KioskctlAsync($"--agent unix:{_socket} sim tap 04:a1:b2:c3:d4:e5:f6");
        Assert.Equal(0, tapExit);
        Assert.Contains("tapped 04A1B2C3D4E5F6 on member-1", tap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kioskctl_BadUid_ExitsWithUsageErrorAndReason()
    {
        var (exit, output) = await KioskctlAsync($"--agent http://127.0.0.1:{_agent.Settings.GrpcPort} sim tap not-hex");
        Assert.Equal(2, exit);
        Assert.Contains("InvalidArgument", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reflection_ListsTheKioskServices()
    {
        var client = new ServerReflection.ServerReflectionClient(_agent.Channel);
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("kiosk.v1.KioskUi", services);
        Assert.Contains("kiosk.v1.DeviceSimulator", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task ConfigFile_FromTheConfigDirectory_IsApplied()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var watch = new KioskUi.KioskUiClient(_agent.Channel).WatchScreen(new WatchScreenRequest(), cancellationToken: cts.Token);
        Assert.True(await watch.ResponseStream.MoveNext(cts.Token));
        Assert.Equal("欢迎来到测试门店", watch.ResponseStream.Current.Idle.Greeting);
    }

    [Theory]
    [InlineData("", StatusCode.InvalidArgument)]
    [InlineData("XYZ", StatusCode.InvalidArgument)]
    public async Task TapCard_InvalidUid_IsRejectedWithInvalidArgument(string uid, StatusCode expected)
    {
        var client = new DeviceSimulator.DeviceSimulatorClient(_agent.Channel);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.TapCardAsync(new TapCardRequest { CardUid = uid }));
        Assert.Equal(expected, error.StatusCode);
    }

    [Fact]
    public async Task TapCard_UnknownReader_IsNotFound()
    {
        var client = new DeviceSimulator.DeviceSimulatorClient(_agent.Channel);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.TapCardAsync(new TapCardRequest { CardUid = "01020304", ReaderId = "nope" }));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    private static async Task<(int ExitCode, string Output)> KioskctlAsync(string arguments)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{TestPaths.KioskctlDll}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
