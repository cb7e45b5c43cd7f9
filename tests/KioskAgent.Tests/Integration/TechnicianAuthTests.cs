using KioskAgent.Hosting;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Technician methods through the real agent and the real kioskctl: a hash made by kioskctl is
/// accepted, missing or wrong credentials are refused with a reason, repeated failures lock the
/// user out, and the UI's own methods and the simulator stay open.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class TechnicianAuthTests : IAsyncLifetime
{
    private const string Password = "pa55 word 技术员";
    private readonly string _passwordFile = Path.Combine(TestPaths.NewTempDirectory("tech"), "password");
    private AgentProcess _agent = null!;

    private string Agent => $"http://127.0.0.1:{_agent.Settings.GrpcPort}";

    public async Task InitializeAsync()
    {
        var (exit, output) = await KioskctlProcess.RunAsync(["tech", "hash-password", "--iterations", "20000"], stdin: Password + "\n");
        Assert.True(exit == 0, output);
        await File.WriteAllTextAsync(_passwordFile, Password + "\n");
        _agent = await AgentProcess.StartAsync(new AgentSettings
        {
            EmbeddedBroker = true,
            Extra = new Dictionary<string, string>
            {
                ["Technician__Accounts__0__User"] = "installer",
                ["Technician__Accounts__0__PasswordHash"] = output.Trim(),
                // Locked out by one test; the others use "installer".
                ["Technician__Accounts__1__User"] = "trainee",
                ["Technician__Accounts__1__PasswordHash"] = output.Trim(),
                ["Technician__MaxFailedAttempts"] = "3",
            },
        });
    }

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task PrintTest_WithAPasswordFile_PassesAuthentication()
    {
        var (exit, output) = await KioskctlProcess.RunAsync(["--agent", Agent, "devices", "print-test", "--user", "installer", "--password-file", _passwordFile]);

        // Authenticated: what stops it now is the missing printer, not the credentials.
        Assert.Equal(1, exit);
        Assert.Contains("FailedPrecondition: No receipt printer is connected", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintTest_WithCredentialsFromTheEnvironment_PassesAuthentication()
    {
        var env = new Dictionary<string, string> { ["KIOSK_TECH_USER"] = "installer", ["KIOSK_TECH_PASSWORD"] = Password };

        var (_, output) = await KioskctlProcess.RunAsync(["--agent", Agent, "devices", "print-test"], env);

        Assert.Contains("No receipt printer is connected", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintTest_WithoutCredentials_IsRefusedAndSaysWhatToSend()
    {
        var (exit, output) = await KioskctlProcess.RunAsync(["--agent", Agent, "devices", "print-test"]);

        Assert.Equal(1, exit);
        Assert.Contains("Unauthenticated: technician credentials required", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintTest_WrongPasswordThreeTimes_LocksTheUserOut_AndTheLogHasNoPassword()
    {
        for (var i = 0; i < 3; i++)
        {
            var (exit, output) = await KioskctlProcess.RunAsync(["--agent", Agent, "devices", "print-test", "--user", "trainee", "--password", $"guess{i}-xyzzy"]);
            Assert.Equal(1, exit);
            Assert.Contains("Unauthenticated: technician credentials refused", output, StringComparison.Ordinal);
        }

        var (_, locked) = await KioskctlProcess.RunAsync(["--agent", Agent, "devices", "print-test", "--user", "trainee", "--password-file", _passwordFile]);

        // Refused like any wrong password (the status must not tell a locked user from a wrong one).
        Assert.Contains("Unauthenticated: technician credentials refused", locked, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => _agent.Output.Contains("locked out", StringComparison.Ordinal), "the lockout to be logged", TimeSpan.FromSeconds(10));
        Assert.Contains("Technician authentication failed for trainee: wrong password", _agent.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("xyzzy", _agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UiAndSimulatorMethods_NeedNoCredentials()
    {
        var (infoExit, _) = await KioskctlProcess.RunAsync(["--agent", Agent, "info"]);
        var (devicesExit, _) = await KioskctlProcess.RunAsync(["--agent", Agent, "devices"]);
        var (tapExit, tap) = await KioskctlProcess.RunAsync(["--agent", Agent, "sim", "tap", "04A1B2C3D4E5F6"]);

        Assert.Equal((0, 0, 0), (infoExit, devicesExit, tapExit));
        Assert.Contains("tapped 04A1B2C3D4E5F6", tap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentWithoutTechnicianAccounts_RefusesTechnicianMethodsWithHowToConfigureOne()
    {
        await using var bare = await AgentProcess.StartAsync(new AgentSettings { EmbeddedBroker = true });

        var (exit, output) = await KioskctlProcess.RunAsync(["--agent", $"http://127.0.0.1:{bare.Settings.GrpcPort}", "devices", "print-test", "--user", "installer", "--password", Password]);

        Assert.Equal(1, exit);
        Assert.Contains("no technician account is configured", output, StringComparison.Ordinal);
        Assert.Contains("kioskctl tech hash-password", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentWithAPlainPasswordInsteadOfAHash_StopsWithAConfigurationError()
    {
        await using var agent = AgentProcess.Launch(new AgentSettings
        {
            Extra = new Dictionary<string, string> { ["Technician__Accounts__0__User"] = "installer", ["Technician__Accounts__0__PasswordHash"] = "letmein" },
        });

        Assert.Equal(AgentProgram.ConfigurationErrorExitCode, await agent.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Technician:Accounts:0:PasswordHash", agent.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("letmein", agent.Output, StringComparison.Ordinal);
    }
}
