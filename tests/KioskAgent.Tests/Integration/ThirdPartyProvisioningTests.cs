using System.Diagnostics;
using System.Text.Json;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The provisioning API works without our CLI: Debian's python3-grpcio, with stubs generated from
/// protos/ at test time by python3-grpc-tools, pins the kiosk's key, enrolls, sets a configuration
/// and runs a self-test (ThirdParty/provision_kiosk.py); it reads the refusals on the way by their
/// google.rpc.ErrorInfo reason, as a client that branches on them would.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ThirdPartyProvisioningTests : IAsyncLifetime
{
    private AgentProcess _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentProcess.StartAsync(new AgentSettings());

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task PythonGrpc_EnrollsSetsAConfigurationAndRunsASelfTest_AndReadsRefusalReasons()
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
        // The card reader's self-test waits for a card: present one as a technician would.
        await Eventually.TrueAsync(() => _agent.Output.Contains("Self-test of card reader member-1: waiting", StringComparison.Ordinal) || python.HasExited, "the python client's self-test to wait for a card", TimeSpan.FromSeconds(120));
        await _agent.TapAsync("04A1B2C3D4E5F6", holdMs: 100);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await python.WaitForExitAsync(cts.Token);
        Assert.True(python.ExitCode == 0, $"python exited {python.ExitCode}: {await stderr}\n{await stdout}");

        using var result = JsonDocument.Parse(await stdout);
        Assert.Equal("supervisor", result.RootElement.GetProperty("role").GetString());
        Assert.Equal(1ul, result.RootElement.GetProperty("version").GetUInt64());
        Assert.Equal("Hello from Python", result.RootElement.GetProperty("greeting").GetString());
        var refusals = result.RootElement.GetProperty("refusals");
        var beforeEnrolling = refusals.GetProperty("before_enrolling");
        Assert.Equal("UNAUTHENTICATED", beforeEnrolling.GetProperty("code").GetString());
        Assert.Equal("NOT_ENROLLED", beforeEnrolling.GetProperty("reason").GetString());
        Assert.Equal("kiosk-agent", beforeEnrolling.GetProperty("domain").GetString());
        Assert.Equal("/kiosk.v1.Provisioning/GetStatus", beforeEnrolling.GetProperty("metadata").GetProperty("method").GetString());
        var invalid = refusals.GetProperty("invalid_config");
        Assert.Equal("INVALID_ARGUMENT", invalid.GetProperty("code").GetString());
        Assert.Equal("CONFIG_INVALID", invalid.GetProperty("reason").GetString());
        Assert.Contains("Api", invalid.GetProperty("metadata").GetProperty("first_problem").GetString(), StringComparison.Ordinal);
        var selftest = Assert.Single(result.RootElement.GetProperty("selftest").EnumerateArray());
        Assert.True(selftest.GetProperty("passed").GetBoolean(), selftest.ToString());
        Assert.Contains("UID **********E5F6", selftest.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
