using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The real kioskctl against a real agent, as two technicians use it: the supervisor enrolls and
/// opens enrollment for a technician, who lists the devices over the LAN; a member file goes in with
/// its progress shown as lines when nobody watches a terminal; the supervisor revokes the technician,
/// whose certificate is refused from then on with advice on what to do.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed partial class KioskctlTechnicianSessionTests : IAsyncLifetime
{
    private const int MemberCount = 25_000;
    private readonly string _supervisorHome = TestPaths.NewTempDirectory("kioskctl-supervisor");
    private readonly string _technicianHome = TestPaths.NewTempDirectory("kioskctl-technician");
    private readonly string _files = TestPaths.NewTempDirectory("kioskctl-session-files");
    private AgentProcess _agent = null!;

    private string Address => Provisioner.Address(_agent);

    private string PasswordFile => Path.Combine(_files, "password");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(PasswordFile, TestTechnician.Password + "\n");
        _agent = await AgentProcess.StartAsync(new AgentSettings { Extra = new Dictionary<string, string>(TestTechnician.Settings) });
    }

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task Devices_MembersImportWithProgress_AndARevokedTechnicianIsRefused()
    {
        var screen = await Provisioner.ScreenAsync(_agent);
        var supervisor = await Supervisor("enroll", Address, "--code", screen.Code, "--fingerprint", screen.Fingerprint, "--name", "王主管 Wang");
        Assert.True(supervisor.ExitCode == 0, supervisor.Output);
        var opened = await Supervisor("status", "--open-enrollment", "technician");
        Assert.True(opened.ExitCode == 0, opened.Output);
        var code = OpenedCode().Match(opened.Output).Groups[1].Value;
        var technician = await Technician("enroll", Address, "--code", code, "--fingerprint", screen.Fingerprint, "--name", "赵工 Zhao");
        Assert.True(technician.ExitCode == 0, technician.Output);
        Assert.Contains("as technician", technician.Output, StringComparison.Ordinal);

        // Over the provisioning listener (the technician's laptop) and on the kiosk itself: one row per device.
        var remote = await Technician("devices");
        var local = await KioskctlProcess.RunAsync(["--agent", $"http://127.0.0.1:{_agent.Settings.GrpcPort}", "devices"]);
        foreach (var listed in new[] { remote, local })
        {
            Assert.True(listed.ExitCode == 0, listed.Output);
            Assert.Matches(@"(?m)^DEVICE\s+KIND\s+DRIVER\s+STATE\s+SINCE\s+REASON$", listed.Output);
            Assert.Matches(@"(?m)^member-1\s+card_reader\s+Simulated\s+OK\s", listed.Output);
        }

        var file = Path.Combine(_files, "members.csv");
        await File.WriteAllTextAsync(file, Members());
        var import = await KioskctlProcess.RunAsync(["--agent", $"http://127.0.0.1:{_agent.Settings.GrpcPort}", "members", "import", file, "--user", TestTechnician.User, "--password-file", PasswordFile]);
        Assert.True(import.ExitCode == 0, import.Output);
        var steps = Progress().Matches(import.Output).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(steps.Count >= 3, $"progress lines: {import.Output}");
        Assert.Equal(steps.Order(), steps);
        Assert.Equal(100, steps[^1]);
        Assert.Contains("checking and importing on the kiosk", import.Output, StringComparison.Ordinal);
        Assert.Contains($"imported members.csv: {MemberCount} members, {MemberCount} cards", import.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', import.Output);

        // At a terminal: a progress bar, and the devices as a drawn table.
        var atTerminal = await KioskctlProcess.RunInTerminalAsync(["--agent", $"http://127.0.0.1:{_agent.Settings.GrpcPort}", "members", "import", file, "--user", TestTechnician.User, "--password-file", PasswordFile]);
        Assert.True(atTerminal.ExitCode == 0, atTerminal.Output);
        Assert.Contains("━", atTerminal.Output, StringComparison.Ordinal);
        Assert.Contains("100%", atTerminal.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(Progress(), atTerminal.Output);
        var drawn = await KioskctlProcess.RunInTerminalAsync(["devices"], new Dictionary<string, string> { ["KIOSKCTL_HOME"] = _technicianHome, ["KIOSKCTL_KIOSK"] = Address });
        Assert.True(drawn.ExitCode == 0, drawn.Output);
        Assert.Matches(@"│ member-1\s+│ card_reader\s+│", drawn.Output);

        var status = await Supervisor("status");
        var serial = TechnicianSerial().Match(status.Output).Groups[1].Value;
        Assert.True(serial.Length > 0, status.Output);
        var revoke = await Supervisor("revoke", serial);
        Assert.True(revoke.ExitCode == 0, revoke.Output + status.Output);
        Assert.Contains($"revoked 赵工 Zhao (technician), certificate {serial}; 1 technician(s) still enrolled", revoke.Output, StringComparison.Ordinal);

        var refused = await Technician("devices");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.True(refused.Output.Contains("refused this technician's certificate", StringComparison.Ordinal), refused.Output);
        Assert.Contains("kioskctl enroll", refused.Output, StringComparison.Ordinal);
        var stillWorks = await Supervisor("devices");
        Assert.True(stillWorks.ExitCode == 0, stillWorks.Output);
    }

    /// <summary>Members with a card each: about 2.5 MB, so the file goes in several 1 MB chunks.</summary>
    private static string Members()
    {
        var csv = new StringBuilder("member_number,name,phone,points,birthday,tags,card_uid\n");
        for (var i = 1; i <= MemberCount; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{200000 + i},会员{i},139{i:D8},{i % 1000},1985-03-{1 + (i % 28):D2},\"常客;周末会员;生日月;积分达人;老会员\",05{i:X8}CC\n");
        }

        return csv.ToString();
    }

    private Task<(int ExitCode, string Output)> Supervisor(params string[] arguments) =>
        KioskctlProcess.RunAsync(arguments, new Dictionary<string, string> { ["KIOSKCTL_HOME"] = _supervisorHome, ["KIOSKCTL_KIOSK"] = Address });

    private Task<(int ExitCode, string Output)> Technician(params string[] arguments) =>
        KioskctlProcess.RunAsync(arguments, new Dictionary<string, string> { ["KIOSKCTL_HOME"] = _technicianHome, ["KIOSKCTL_KIOSK"] = Address });

    [GeneratedRegex(@"code ([0-9]{8,10}),")]
    private static partial Regex OpenedCode();

    [GeneratedRegex(@"sending members\.csv: ([0-9]+)% \(")]
    private static partial Regex Progress();

    [GeneratedRegex(@"(?m)^赵工 Zhao\s+technician\s+([0-9A-F]+)\s")]
    private static partial Regex TechnicianSerial();
}
