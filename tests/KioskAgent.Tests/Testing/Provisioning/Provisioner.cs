using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Kioskctl.Provisioning;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Tests.Testing.Provisioning;

/// <summary>A technician against a test agent: reads the enrollment screen, enrolls, calls the provisioning API.</summary>
public static class Provisioner
{
    public static string Address(AgentProcess agent) => $"127.0.0.1:{agent.Settings.ProvisioningPort}";

    /// <summary>What the kiosk's enrollment screen shows (through the UI's own API on loopback).</summary>
    public static async Task<EnrollmentState> ScreenAsync(AgentProcess agent) =>
        await new KioskUi.KioskUiClient(agent.Channel).GetEnrollmentAsync(new GetEnrollmentRequest());

    public static GrpcChannel Channel(AgentProcess agent, string fingerprint, X509Certificate2? certificate = null) =>
        PinnedChannel.Open(Address(agent), fingerprint, certificate);

    public static Contracts.V1.Provisioning.ProvisioningClient Client(AgentProcess agent, string fingerprint, X509Certificate2? certificate = null) =>
        new(Channel(agent, fingerprint, certificate));

    /// <summary>Enrolls as kioskctl does and returns the client certificate with its key.</summary>
    public static async Task<X509Certificate2> EnrollAsync(AgentProcess agent, string name = "tester")
    {
        var screen = await ScreenAsync(agent);
        var (key, csr) = TechnicianIdentity.NewRequest(name);
        using (key)
        {
            using var channel = Channel(agent, screen.Fingerprint);
            var reply = await new Contracts.V1.Provisioning.ProvisioningClient(channel).EnrollAsync(new EnrollRequest { Code = screen.Code, CsrPem = csr, TechnicianName = name });
            using var issued = X509Certificate2.CreateFromPem(reply.CertificatePem);
            using var withKey = issued.CopyWithPrivateKey(key);
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }
    }

    /// <summary>Calls <paramref name="method"/> of the Provisioning service with an empty request (unary or server streaming) and returns its status.</summary>
    public static async Task<Status> CallEmptyAsync(CallInvoker invoker, Google.Protobuf.Reflection.MethodDescriptor method)
    {
        var grpcMethod = new Method<byte[], byte[]>(
            method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary,
            "kiosk.v1.Provisioning",
            method.Name,
            Marshallers.Create(b => b, b => b),
            Marshallers.Create(b => b, b => b));
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30));
        try
        {
            if (method.IsServerStreaming)
            {
                using var call = invoker.AsyncServerStreamingCall(grpcMethod, null, options, []);
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }
            else
            {
                using var call = invoker.AsyncUnaryCall(grpcMethod, null, options, []);
                await call.ResponseAsync;
            }

            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    public static IReadOnlyList<Google.Protobuf.Reflection.MethodDescriptor> Methods =>
        [.. Contracts.V1.Provisioning.Descriptor.Methods];
}
