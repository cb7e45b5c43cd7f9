using System.Diagnostics;
using Google.Protobuf;
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

    [Fact]
    public async Task AProductionStart_WithTheShippedConfiguration_HasNoSimulatorAndNoSimulatedReader()
    {
        await using var agent = await AgentProcess.StartAsync(new AgentSettings { ShippedDevices = true });

        var tap = await Assert.ThrowsAsync<RpcException>(async () =>
            await new DeviceSimulator.DeviceSimulatorClient(agent.Channel).TapCardAsync(new TapCardRequest { CardUid = "04A1B2C3D4E5F6" }));
        var devices = await new Contracts.V1.Devices.DevicesClient(agent.Channel).ListDevicesAsync(new ListDevicesRequest());

        Assert.Equal(StatusCode.Unimplemented, tap.StatusCode);
        Assert.DoesNotContain(devices.Devices, d => d.Kind == "card_reader" && string.Equals(d.Driver, "Simulated", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(devices.Devices, d => d.DeviceId == "member-1" && d.Driver.Contains("Pcsc", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("0A03FFFEFD")]
    [InlineData("0AFF")]
    [InlineData("FFFFFFFF")]
    public async Task AMalformedRequestBody_IsInvalidArgument_WithoutAStackTraceInTheLog(string hexMessage)
    {
        using var http = new HttpClient();
        using var request = GrpcH2("/kiosk.v1.DeviceSimulator/TapCard", Convert.FromHexString(hexMessage));

        using var response = await http.SendAsync(request);

        var status = response.Headers.TryGetValues("grpc-status", out var values) ? values.Single() : response.TrailingHeaders.GetValues("grpc-status").Single();
        Assert.Equal("3", status);
        Assert.DoesNotContain("Exception was thrown by handler", _agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATechnicianMethodWithoutCredentials_IsRefusedBeforeItsBodyIsRead()
    {
        using var http = new HttpClient();
        using var request = GrpcH2("/kiosk.v1.Devices/PrintTestPage", [0xFF, 0xFF, 0xFF]);

        using var response = await http.SendAsync(request);

        Assert.Equal("16", response.Headers.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task GrpcHealth_AnswersForEveryServiceByName_AndShowsUidOnlyIdentityUnderItsOwnName()
    {
        var health = new Grpc.Health.V1.Health.HealthClient(_agent.Channel);

        foreach (var service in KioskAgent.Api.LocalApiExtensions.HealthServiceNames)
        {
            var reply = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest { Service = service });
            Assert.True(reply.Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, $"'{service}' is {reply.Status}");
        }

        // The demo kiosk identifies cards by UID only: it works, and ops can see it is clonable.
        var secure = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest { Service = KioskAgent.Identity.SecureCardIdentityHealthCheck.ServiceName });
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing, secure.Status);
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest { Service = "no.such.Service" }));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task UiPort_RefusesTechnicianMethods_EvenWithCredentials()
    {
        using var http = new HttpClient();
        using var request = GrpcWeb(_agent.Settings.UiPort, "/kiosk.v1.Devices/PrintTestPage");
        request.Headers.Add("authorization", TestTechnician.Headers(TestTechnician.User, TestTechnician.Password).GetValue("authorization"));

        using var response = await http.SendAsync(request);

        Assert.Equal("7", response.Headers.GetValues("grpc-status").Single());
        Assert.Contains("not the UI port", Uri.UnescapeDataString(response.Headers.GetValues("grpc-message").Single()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("kiosk.attacker.test")]
    [InlineData("10.0.0.5")]
    public async Task ARequestNamingAForeignHost_IsRefused_AndTapsNothing(string host)
    {
        var taps = new JournalFile(_agent.Settings.DataDirectory).Count();
        using var http = new HttpClient();
        using var page = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_agent.Settings.UiPort}/");
        page.Headers.Host = $"{host}:{_agent.Settings.UiPort}";
        using var tap = GrpcWeb(_agent.Settings.UiPort, "/kiosk.v1.DeviceSimulator/TapCard", new TapCardRequest { CardUid = "04A1B2C3D4E5F6" });
        tap.Headers.Host = $"{host}:{_agent.Settings.UiPort}";

        using var pageResponse = await http.SendAsync(page);
        using var tapResponse = await http.SendAsync(tap);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, pageResponse.StatusCode);
        Assert.Equal("7", tapResponse.Headers.GetValues("grpc-status").Single());
        await Task.Delay(500);
        Assert.Equal(taps, new JournalFile(_agent.Settings.DataDirectory).Count());
    }

    /// <summary>A gRPC-Web call as a browser page would make it: HTTP/1.1, one length-prefixed message.</summary>
    private static HttpRequestMessage GrpcWeb(int port, string path, Google.Protobuf.IMessage? message = null) =>
        Framed(HttpMethod.Post, $"http://127.0.0.1:{port}{path}", message?.ToByteArray() ?? [], "application/grpc-web+proto");

    /// <summary>A gRPC call over h2c to the gRPC port, carrying <paramref name="body"/> as its one message, whatever it holds.</summary>
    private HttpRequestMessage GrpcH2(string path, byte[] body)
    {
        var request = Framed(HttpMethod.Post, $"http://127.0.0.1:{_agent.Settings.GrpcPort}{path}", body, "application/grpc");
        request.Version = System.Net.HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        return request;
    }

    private static HttpRequestMessage Framed(HttpMethod method, string url, byte[] body, string contentType)
    {
        var frame = new byte[5 + body.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), body.Length);
        body.CopyTo(frame, 5);
        var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(frame) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return request;
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
