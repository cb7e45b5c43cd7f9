using System.Diagnostics;
using System.Text.Json;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The provisioning API works without our CLI: Debian's python3-grpcio, with stubs generated from
/// protos/ at test time by python3-grpc-tools, pins the kiosk's key, enrolls, sets a configuration
/// and runs a self-test (ThirdParty/provision_kiosk.py).
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ThirdPartyProvisioningTests : IAsyncLifetime
{
    private AgentProcess _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentProcess.StartAsync(new AgentSettings());

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task PythonGrpc_EnrollsSetsAConfigurationAndRunsASelfTest()
    {
        var screen = await Provisioner.ScreenAsync(_agent);
        var script = Path.Combine(TestPaths.RepositoryRoot, "tests", "KioskAgent.Tests", "ThirdParty", "provision_kiosk.py");
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, Path.Combine(TestPaths.RepositoryRoot, "protos"), TestPaths.NewTempDirectory("py-stubs"), "127.0.0.1", _agent.Settings.ProvisioningPort.ToString(System.Globalization.CultureInfo.InvariantCulture), screen.Code, screen.Fingerprint })
        {
            start.ArgumentList.Add(argument);
        }

        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await python.WaitForExitAsync(cts.Token);
        Assert.True(python.ExitCode == 0, $"python exited {python.ExitCode}: {await stderr}\n{await stdout}");

        using var result = JsonDocument.Parse(await stdout);
        Assert.Equal("supervisor", result.RootElement.GetProperty("role").GetString());
        Assert.Equal(1ul, result.RootElement.GetProperty("version").GetUInt64());
        Assert.Equal("Hello from Python", result.RootElement.GetProperty("greeting").GetString());
        var selftest = Assert.Single(result.RootElement.GetProperty("selftest").EnumerateArray());
        Assert.True(selftest.GetProperty("passed").GetBoolean(), selftest.ToString());
    }
}
