using Grpc.Core;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Provisioning;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// Who reaches the provisioning API, through the real agent: before enrollment only Enroll, over the
/// pinned TLS listener; after it only a client certificate the kiosk issued; never the loopback ports.
/// Each test walks every method of the service (the table is the service's own descriptor, so a new
/// method is covered without touching the test).
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class ProvisioningAccessTests : IAsyncLifetime
{
    private AgentProcess _agent = null!;

    public async Task InitializeAsync() => _agent = await AgentProcess.StartAsync(new AgentSettings());

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    [Fact]
    public async Task EveryMethodButEnroll_BeforeEnrollment_IsRefusedUnauthenticated()
    {
        var screen = await Provisioner.ScreenAsync(_agent);
        using var channel = Provisioner.Channel(_agent, screen.Fingerprint);

        var answers = new List<string>();
        foreach (var method in Provisioner.Methods.Where(m => m.Name != "Enroll"))
        {
            var status = await Provisioner.CallEmptyAsync(channel.CreateCallInvoker(), method);
            answers.Add($"{method.Name}: {status.StatusCode}");
        }

        Assert.All(answers, a => Assert.EndsWith(": Unauthenticated", a, StringComparison.Ordinal));
        Assert.Equal(Provisioner.Methods.Count - 1, answers.Count);
    }

    [Fact]
    public async Task EveryMethod_OnTheLoopbackGrpcPort_IsRefused()
    {
        var answers = new List<string>();
        foreach (var method in Provisioner.Methods)
        {
            var status = await Provisioner.CallEmptyAsync(_agent.Channel.CreateCallInvoker(), method);
            answers.Add($"{method.Name}: {status.StatusCode}");
        }

        Assert.All(answers, a => Assert.EndsWith(": PermissionDenied", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryMethod_OnTheUiPort_IsRefused()
    {
        using var http = new HttpClient();
        foreach (var method in Provisioner.Methods)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_agent.Settings.UiPort}/kiosk.v1.Provisioning/{method.Name}")
            {
                Content = new ByteArrayContent(new byte[5]),
            };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc-web+proto");
            using var response = await http.SendAsync(request);

            Assert.True(response.Headers.TryGetValues("grpc-status", out var status), $"{method.Name}: no grpc-status");
            Assert.Equal(((int)StatusCode.PermissionDenied).ToString(System.Globalization.CultureInfo.InvariantCulture), status!.Single());
        }
    }

    [Fact]
    public async Task AfterEnrollment_WithoutACertificate_TheHandshakeIsRefused_AndWithOne_EveryMethodIsServed()
    {
        var screen = await Provisioner.ScreenAsync(_agent);
        using var certificate = await Provisioner.EnrollAsync(_agent);
        using var anonymous = Provisioner.Channel(_agent, screen.Fingerprint);
        using var enrolled = Provisioner.Channel(_agent, screen.Fingerprint, certificate);

        var refused = new List<string>();
        foreach (var method in Provisioner.Methods)
        {
            var without = await Provisioner.CallEmptyAsync(anonymous.CreateCallInvoker(), method);
            refused.Add($"{method.Name}: {without.StatusCode}");
        }

        // Then with the certificate (OpenEnrollment among them opens enrollment; Restart last: it stops the agent).
        var served = new List<string>();
        foreach (var method in Provisioner.Methods.OrderBy(m => m.Name == "Restart"))
        {
            var with = await Provisioner.CallEmptyAsync(enrolled.CreateCallInvoker(), method);
            served.Add($"{method.Name}: {with.StatusCode} {with.Detail}");
        }

        // No certificate: the TLS handshake fails, nothing reaches the agent's handlers. Under TLS 1.3
        // the client learns it one step late (the server's alert arrives after the client finished
        // its side), so the client reports a broken connection: UNAVAILABLE or INTERNAL.
        Assert.All(refused, a => Assert.True(a.EndsWith(": Unavailable", StringComparison.Ordinal) || a.EndsWith(": Internal", StringComparison.Ordinal), a));
        Assert.DoesNotContain("no valid client certificate", _agent.Output, StringComparison.Ordinal);

        // With the certificate every method runs; empty requests are refused by the method itself, for what they lack.
        Assert.All(served, a => Assert.DoesNotContain("Unauthenticated", a, StringComparison.Ordinal));
        Assert.All(served, a => Assert.DoesNotContain("PermissionDenied", a, StringComparison.Ordinal));
        Assert.All(served, a => Assert.DoesNotContain("Unavailable", a, StringComparison.Ordinal));
        Assert.Contains(served, a => a.StartsWith("Enroll: InvalidArgument", StringComparison.Ordinal));
        Assert.Contains(served, a => a.StartsWith("FactoryReset: FailedPrecondition", StringComparison.Ordinal));
        Assert.Contains(served, a => a.StartsWith("GetStatus: OK", StringComparison.Ordinal));
        Assert.Contains(served, a => a.StartsWith("Restart: OK", StringComparison.Ordinal));
        Assert.Equal(Contracts.V1.Provisioning.Descriptor.Methods.Count, served.Count);
    }
}
