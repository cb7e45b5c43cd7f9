using KioskAgent.Hosting;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Integration;

/// <summary>One agent per data directory: two on one journal would hand out the same sequence numbers.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SingleInstanceTests
{
    [Fact]
    public async Task ASecondAgentOnTheSameDataDirectory_ExitsWithItsOwnCode_NamingTheFirst_AndTheFirstKeepsServing()
    {
        var first = await AgentProcess.StartAsync(new AgentSettings());
        await using (first)
        {
            await using var second = AgentProcess.Launch(new AgentSettings { DataDirectory = first.Settings.DataDirectory });

            var exitCode = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(AgentProgram.AlreadyRunningExitCode, exitCode);
            Assert.Contains($"another agent (pid {first.ProcessId}) is already running on data directory {first.Settings.DataDirectory}", second.Output, StringComparison.Ordinal);
            Assert.False(first.HasExited);
            var answer = await first.TapForAnswerAsync("04A1B2C3D4E5F6");
            Assert.NotNull(answer);
        }
    }

    [Fact]
    public async Task AfterTheFirstAgentIsKilled_TheLockIsGone_AndANewAgentStartsOnTheSameDataDirectory()
    {
        var settings = new AgentSettings();
        await using (var first = await AgentProcess.StartAsync(settings))
        {
            await first.KillAsync();
        }

        // The lock file stays behind; only the kernel's lock mattered, and it died with the process.
        Assert.True(File.Exists(Path.Combine(settings.DataDirectory, "agent.lock")));
        await using var second = await AgentProcess.StartAsync(settings with { UiPort = FreePort.Next(), GrpcPort = FreePort.Next() });
        Assert.False(second.HasExited);
    }
}
