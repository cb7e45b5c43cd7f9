using Grpc.Core;
using Kioskctl.Provisioning;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// First enrollment through the real agent: the code works once, wrong codes burn it, a client that
/// pinned another key never gets to send it, the screen shows nothing once enrolled, and a factory
/// reset returns the kiosk to enrollment with a new key.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class EnrollmentTests : IAsyncLifetime
{
    private AgentProcess _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentProcess.StartAsync(new AgentSettings());

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task TheScreen_BeforeEnrollment_ShowsACodeTheFingerprintAndTheAddress()
    {
        var screen = await Provisioner.ScreenAsync(_agent);

        Assert.Matches("^[0-9]{8}$", screen.Code);
        Assert.Matches("^[0-9a-f]{64}$", screen.Fingerprint);
        Assert.Equal($"127.0.0.1:{_agent.Settings.ProvisioningPort}", screen.Address);
        Assert.Equal(5u, screen.TriesLeft);
        Assert.InRange(screen.ExpiresAt.ToDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15.1));
        Assert.DoesNotContain(screen.Code, screen.QrPayload, StringComparison.Ordinal);
        var key = await File.ReadAllTextAsync(Path.Combine(_agent.Settings.DataDirectory, "provisioning", "kiosk-identity.pem"));
        Assert.Contains("PRIVATE KEY", key, StringComparison.Ordinal);
        var keyFile = Path.Combine(_agent.Settings.DataDirectory, "provisioning", "kiosk-identity.pem");
        Assert.True(OperatingSystem.IsLinux() && File.GetUnixFileMode(keyFile) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), "the kiosk key is readable by its owner only");
    }

    [Fact]
    public async Task FiveWrongCodes_BurnTheCode_EvenTheRightOneIsRefusedUntilANewOneIsMade()
    {
        var screen = await Provisioner.ScreenAsync(_agent);
        var client = Provisioner.Client(_agent, screen.Fingerprint);
        var (key, csr) = TechnicianIdentity.NewRequest("guesser");
        key.Dispose();
        var wrong = screen.Code == "00000000" ? "11111111" : "00000000";

        // In parallel, as an attacker would: no more than five are checked.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await client.EnrollAsync(new EnrollRequest { Code = wrong, CsrPem = csr, TechnicianName = "guesser" });
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));
        var right = await Assert.ThrowsAsync<RpcException>(() => client.EnrollAsync(new EnrollRequest { Code = screen.Code, CsrPem = csr, TechnicianName = "guesser" }).ResponseAsync);

        Assert.All(attempts, s => Assert.Equal(StatusCode.PermissionDenied, s));
        Assert.Equal(StatusCode.PermissionDenied, right.StatusCode);
        Assert.Contains("burned", right.Status.Detail, StringComparison.Ordinal);
        var burned = await Provisioner.ScreenAsync(_agent);
        Assert.Equal("", burned.Code);
        Assert.Equal(0u, burned.TriesLeft);
        Assert.Equal(5, Count(_agent.Output, "Wrong enrollment code ("));

        // Someone at the screen makes a new code: it works.
        var fresh = await new KioskUi.KioskUiClient(_agent.Channel).RegenerateEnrollmentCodeAsync(new RegenerateEnrollmentCodeRequest());
        using var certificate = await Provisioner.EnrollAsync(_agent);
        Assert.NotEqual(screen.Code, fresh.Code);
    }

    [Fact]
    public async Task AClientPinningAnotherKey_IsRefusedBeforeItSendsTheCode()
    {
        var screen = await Provisioner.ScreenAsync(_agent);
        var (key, csr) = TechnicianIdentity.NewRequest("victim");
        key.Dispose();
        var otherKey = new string('a', 64);

        var refused = await Assert.ThrowsAsync<RpcException>(() => Provisioner.Client(_agent, otherKey).EnrollAsync(new EnrollRequest { Code = screen.Code, CsrPem = csr, TechnicianName = "victim" }).ResponseAsync);

        // The client ended the TLS handshake itself: the kiosk saw no request, the code was not spent.
        Assert.True(refused.StatusCode is StatusCode.Unavailable or StatusCode.Internal, refused.Status.ToString());
        Assert.Contains("SSL", refused.Status.Detail, StringComparison.OrdinalIgnoreCase);
        var after = await Provisioner.ScreenAsync(_agent);
        Assert.Equal(screen.Code, after.Code);
        Assert.Equal(5u, after.TriesLeft);
        Assert.DoesNotContain("Provisioning Enroll", _agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolled_TheCodeIsUsedUp_TheScreenShowsNothing_AndEnrollIsClosed()
    {
        var screen = await Provisioner.ScreenAsync(_agent);
        using var certificate = await Provisioner.EnrollAsync(_agent, "first");
        var (key, csr) = TechnicianIdentity.NewRequest("second");
        key.Dispose();

        var hidden = await Assert.ThrowsAsync<RpcException>(() => Provisioner.ScreenAsync(_agent));
        var again = await Assert.ThrowsAnyAsync<RpcException>(() => Provisioner.Client(_agent, screen.Fingerprint).EnrollAsync(new EnrollRequest { Code = screen.Code, CsrPem = csr, TechnicianName = "second" }).ResponseAsync);
        var status = await Provisioner.Client(_agent, screen.Fingerprint, certificate).GetStatusAsync(new GetStatusRequest());

        Assert.Equal(StatusCode.FailedPrecondition, hidden.StatusCode);
        Assert.NotEqual(StatusCode.OK, again.StatusCode);
        Assert.True(status.Enrolled);
        Assert.Equal("first", Assert.Single(status.Technicians).Name);
        Assert.Equal("supervisor", status.Technicians[0].Role);
        Assert.Contains("provisioning_audit", new JournalFile(_agent.Settings.DataDirectory).Kinds(), StringComparer.Ordinal);
    }

    [Fact]
    public async Task ASupervisor_OpensEnrollment_ForOneMoreTechnician()
    {
        var screen = await Provisioner.ScreenAsync(_agent);
        using var supervisor = await Provisioner.EnrollAsync(_agent, "lead");
        var opened = await Provisioner.Client(_agent, screen.Fingerprint, supervisor).OpenEnrollmentAsync(new OpenEnrollmentRequest { Role = "technician" });
        var (key, csr) = TechnicianIdentity.NewRequest("junior");
        key.Dispose();

        var reply = await Provisioner.Client(_agent, screen.Fingerprint).EnrollAsync(new EnrollRequest { Code = opened.Code, CsrPem = csr, TechnicianName = "junior" });

        Assert.Equal("technician", reply.Role);
        var status = await Provisioner.Client(_agent, screen.Fingerprint, supervisor).GetStatusAsync(new GetStatusRequest());
        Assert.Equal(["lead", "junior"], status.Technicians.Select(t => t.Name));
    }

    [Fact]
    public async Task ASupervisor_RevokesOneTechnician_WhoIsRefusedAtOnce_WhileTheOthersKeepWorking()
    {
        var screen = await Provisioner.ScreenAsync(_agent);
        using var supervisor = await Provisioner.EnrollAsync(_agent, "lead");
        var lead = Provisioner.Client(_agent, screen.Fingerprint, supervisor);
        await lead.OpenEnrollmentAsync(new OpenEnrollmentRequest { Role = "technician" });
        using var juniorCertificate = await Provisioner.EnrollAsync(_agent, "junior");
        await lead.OpenEnrollmentAsync(new OpenEnrollmentRequest { Role = "technician" });
        using var otherCertificate = await Provisioner.EnrollAsync(_agent, "other");
        var junior = Provisioner.Client(_agent, screen.Fingerprint, juniorCertificate);
        var other = Provisioner.Client(_agent, screen.Fingerprint, otherCertificate);
        await junior.GetStatusAsync(new GetStatusRequest());
        var serial = (await lead.GetStatusAsync(new GetStatusRequest())).Technicians.Single(t => t.Name == "junior").CertificateSerial;

        var notBySupervisor = await Assert.ThrowsAsync<RpcException>(async () => await other.RevokeTechnicianAsync(new RevokeTechnicianRequest { CertificateSerial = serial }));
        var reply = await lead.RevokeTechnicianAsync(new RevokeTechnicianRequest { CertificateSerial = serial });

        Assert.Equal(StatusCode.PermissionDenied, notBySupervisor.StatusCode);
        Assert.Equal("junior", reply.Revoked.Name);
        Assert.Equal(["lead", "other"], reply.Technicians.Select(t => t.Name));

        // The revoked certificate is refused on its open connection and on a new one; the others work.
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await junior.GetStatusAsync(new GetStatusRequest()));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(async () => await Provisioner.Client(_agent, screen.Fingerprint, juniorCertificate).GetStatusAsync(new GetStatusRequest()));
        Assert.Equal(2, (await other.GetStatusAsync(new GetStatusRequest())).Technicians.Count);
        await lead.GetConfigAsync(new GetConfigRequest());

        // The last supervisor stays; the revocation is in the journal.
        var leadSerial = reply.Technicians.Single(t => t.Name == "lead").CertificateSerial;
        var last = await Assert.ThrowsAsync<RpcException>(async () => await lead.RevokeTechnicianAsync(new RevokeTechnicianRequest { CertificateSerial = leadSerial }));
        Assert.Equal(StatusCode.FailedPrecondition, last.StatusCode);
        Assert.Contains("revoked junior", _agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FactoryReset_RestartsIntoEnrollment_WithANewKey_AndTheOldCertificateIsDead()
    {
        var screen = await Provisioner.ScreenAsync(_agent);
        using var certificate = await Provisioner.EnrollAsync(_agent);
        var client = Provisioner.Client(_agent, screen.Fingerprint, certificate);
        await client.SetConfigAsync(new SetConfigRequest { Settings = { ["Screen:IdleGreeting"] = "欢迎 Welcome" } });

        await client.FactoryResetAsync(new FactoryResetRequest { ConfirmKioskId = _agent.Settings.KioskId });
        Assert.Equal(75, await _agent.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        await using var restarted = await AgentProcess.StartAsync(_agent.Settings);

        var after = await Provisioner.ScreenAsync(restarted);
        Assert.NotEqual(screen.Fingerprint, after.Fingerprint);
        Assert.Matches("^[0-9]{8}$", after.Code);
        await Assert.ThrowsAsync<RpcException>(() => Provisioner.Client(restarted, screen.Fingerprint, certificate).GetStatusAsync(new GetStatusRequest()).ResponseAsync);
        await Assert.ThrowsAsync<RpcException>(() => Provisioner.Client(restarted, after.Fingerprint, certificate).GetStatusAsync(new GetStatusRequest()).ResponseAsync);
        Assert.False(File.Exists(Path.Combine(_agent.Settings.DataDirectory, "provisioning", "provisioned-config.json")));
        Assert.True(File.Exists(Path.Combine(_agent.Settings.DataDirectory, "journal.db")));
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
