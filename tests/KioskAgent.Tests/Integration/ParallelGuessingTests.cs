using Grpc.Core;
using Grpc.Net.Client;
using Kioskctl.Provisioning;
using KioskAgent.Contracts.V1;
using KioskAgent.Provisioning;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// 100 wrong guesses at once against the real agent, over the real listeners, spread over ten
/// connections as an attacker would: no more are checked than the documented limit (counted in the
/// agent's own log lines, not by timing), and the right secret is refused afterwards.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ParallelGuessingTests
{
    private const int Guesses = 100;
    private const int Connections = 10;

    [Fact]
    public async Task HundredParallelWrongEnrollmentCodes_OverTheTlsListener_FiveAreChecked_AndTheRightCodeIsRefused()
    {
        await using var agent = await AgentProcess.StartAsync(new AgentSettings());
        var screen = await Provisioner.ScreenAsync(agent);
        var (key, csr) = TechnicianIdentity.NewRequest("guesser");
        key.Dispose();
        var wrong = screen.Code == "00000000" ? "11111111" : "00000000";
        var channels = Enumerable.Range(0, Connections).Select(_ => Provisioner.Channel(agent, screen.Fingerprint)).ToList();
        var auditedBefore = Audits(agent);
        try
        {
            var statuses = await Parallel(channels, channel =>
                new Contracts.V1.Provisioning.ProvisioningClient(channel).EnrollAsync(new EnrollRequest { Code = wrong, CsrPem = csr, TechnicianName = "guesser" }, deadline: DateTime.UtcNow.AddMinutes(2)).ResponseAsync);
            var right = await Assert.ThrowsAsync<RpcException>(() =>
                new Contracts.V1.Provisioning.ProvisioningClient(channels[0]).EnrollAsync(new EnrollRequest { Code = screen.Code, CsrPem = csr, TechnicianName = "guesser" }).ResponseAsync);

            Assert.All(statuses, s => Assert.Equal(StatusCode.PermissionDenied, s));
            Assert.Equal(StatusCode.PermissionDenied, right.StatusCode);
            Assert.Contains("burned", right.Status.Detail, StringComparison.Ordinal);

            // Every call reached the service and was audited; only the documented five were checked.
            Assert.Equal(Guesses + 1, Audits(agent) - auditedBefore);
            // The console logs in order: once every call's audit line is out, so is every check's.
            await Eventually.TrueAsync(() => Count(agent.Output, "Provisioning Enroll by (enrolling)") >= Guesses + 1, "every attempt to be logged");
            Assert.Equal(new ProvisioningOptions().EnrollmentCodeTries, Count(agent.Output, "Wrong enrollment code ("));
            Assert.Equal(0u, (await Provisioner.ScreenAsync(agent)).TriesLeft);
        }
        finally
        {
            channels.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task HundredParallelWrongPasswords_OnTheLocalApi_FiveAreChecked_AndTheRightPasswordIsRefusedWhileLocked()
    {
        await using var agent = await AgentProcess.StartAsync(new AgentSettings
        {
            // Ten minutes: the lockout outlasts the test on a slow machine.
            Extra = new Dictionary<string, string>(TestTechnician.Settings) { ["Technician__LockoutSeconds"] = "600" },
        });
        var channels = Enumerable.Range(0, Connections).Select(_ => GrpcChannel.ForAddress($"http://127.0.0.1:{agent.Settings.GrpcPort}")).ToList();
        try
        {
            var statuses = await Parallel(channels, channel =>
                new Contracts.V1.Devices.DevicesClient(channel).PrintTestPageAsync(new PrintTestPageRequest(), TestTechnician.Headers(password: "wrong guess"), deadline: DateTime.UtcNow.AddMinutes(2)).ResponseAsync);
            var right = await Assert.ThrowsAsync<RpcException>(() =>
                new Contracts.V1.Devices.DevicesClient(channels[0]).PrintTestPageAsync(new PrintTestPageRequest(), TestTechnician.Headers()).ResponseAsync);

            Assert.All(statuses, s => Assert.Equal(StatusCode.Unauthenticated, s));
            Assert.Equal(StatusCode.Unauthenticated, right.StatusCode);
            Assert.Contains("technician credentials refused", right.Status.Detail, StringComparison.Ordinal);
            await Eventually.TrueAsync(() => Count(agent.Output, "Technician authentication failed for tech:") >= Guesses + 1, "every attempt to be logged");
            Assert.Equal(5, Count(agent.Output, "Technician authentication failed for tech: wrong password"));
            Assert.Equal(1, Count(agent.Output, "Technician tech locked out for 600 s"));
            Assert.DoesNotContain("Technician tech authorised", agent.Output, StringComparison.Ordinal);
        }
        finally
        {
            channels.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Starts every guess before awaiting any, round-robin over the connections; returns each one's status.</summary>
    private static async Task<StatusCode[]> Parallel(IReadOnlyList<GrpcChannel> channels, Func<GrpcChannel, Task> guess)
    {
        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, Guesses).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await guess(channels[i % channels.Count]);
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        })).ToList();
        start.Set();
        return await Task.WhenAll(calls);
    }

    private static long Audits(AgentProcess agent) =>
        new JournalFile(agent.Settings.DataDirectory).Kinds().Count(k => k == ProvisioningAuditTrail.Kind);

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
