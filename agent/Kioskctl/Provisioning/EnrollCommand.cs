using System.CommandLine;
using Grpc.Core;
using KioskAgent.Contracts.V1;

namespace Kioskctl.Provisioning;

/// <summary>
/// <c>kioskctl enroll HOST --code CODE --fingerprint FP</c> (or the QR's text for HOST and FP): pins the kiosk's key, proves the code
/// over that pinned TLS channel only, and keeps the client certificate the kiosk issues
/// (docs/decisions/0006-enrollment-over-pinned-tls.md).
/// </summary>
public static class EnrollCommand
{
    public static Command Create()
    {
        var host = new Argument<string>("host") { Description = $"The kiosk's provisioning address HOST[:PORT] (port {PinnedChannel.DefaultPort} by default), as on its screen; or the text of the QR on its screen or slip (kiosk-enroll:?fp=...&addr=...), which also gives the fingerprint" };
        var code = new Option<string>("--code") { Description = "The enrollment code on the kiosk's screen or slip", Required = true };
        var fingerprint = new Option<string>("--fingerprint") { Description = "The key fingerprint on the kiosk's screen or slip (64 hex digits). Without it kioskctl shows the key it finds and asks you to compare" };
        var name = new Option<string>("--name") { Description = "Your name, for the kiosk's audit trail", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("enroll", "Enroll with a new kiosk: pin its key, prove the code, get a client certificate") { host, code, fingerprint, name };
        command.SetAction((parse, cancellationToken) => ProvisioningCommands.Run(async () =>
        {
            var address = parse.GetValue(host)!;
            var given = parse.GetValue(fingerprint) is { Length: > 0 } typed ? PinnedChannel.Normalize(typed) : null;
            if (EnrollmentQr.TryParse(address, out var qrAddress, out var qrFingerprint))
            {
                address = qrAddress;
                given = given is null || given == qrFingerprint
                    ? qrFingerprint
                    : throw new FormatException("--fingerprint is not the fingerprint in the QR: check both against the kiosk's screen");
            }

            var pinned = given ?? await AskAsync(address);
            var (key, csr) = TechnicianIdentity.NewRequest(parse.GetValue(name)!);
            using (key)
            {
                using var channel = PinnedChannel.Open(address, pinned);
                var reply = await new KioskAgent.Contracts.V1.Provisioning.ProvisioningClient(channel).EnrollAsync(
                    new EnrollRequest { Code = parse.GetValue(code)!.Replace(" ", "", StringComparison.Ordinal), CsrPem = csr, TechnicianName = parse.GetValue(name)! },
                    cancellationToken: cancellationToken);
                var identity = TechnicianIdentity.For(address);
                identity.Save(key, reply.CertificatePem, pinned);
                Console.WriteLine($"enrolled with kiosk {reply.KioskId} as {reply.Role}; certificate kept in {identity.Directory}");
            }
        }));
        return command;
    }

    /// <summary>Trust on first use, but only with a person comparing: never when nobody can answer.</summary>
    private static async Task<string> AskAsync(string address)
    {
        if (Console.IsInputRedirected)
        {
            throw new FormatException("--fingerprint is required when kioskctl cannot ask (input is not a terminal): without it a man in the middle could learn the code");
        }

        var found = await ServerKey.FingerprintAsync(PinnedChannel.WithPort(address));
        Console.WriteLine($"the kiosk at {address} presents the key {found}");
        Console.Write("Is this the fingerprint on the kiosk's screen? (yes/no) ");
        return Console.ReadLine()?.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase) == true
            ? found
            : throw new RpcException(new Status(StatusCode.Cancelled, "not enrolled: the fingerprints were not confirmed"));
    }
}
