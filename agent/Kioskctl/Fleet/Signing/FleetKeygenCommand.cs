using System.CommandLine;
using KioskAgent.Central.Signing;

namespace Kioskctl.Fleet.Signing;

/// <summary>
/// kioskctl fleet keygen: makes central's signing key pair. The private key (PKCS#8 PEM, mode 0600)
/// stays with central; the public key (FILE.pub) goes to every kiosk as a Central:SigningKeys entry.
/// </summary>
public static class FleetKeygenCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Where to write the private key; the public key goes to the same path + .pub", Required = true };
        var keyId = new Option<string?>("--key-id") { Description = "Key id to name it by (1-64 of A-Z a-z 0-9 - _ .); default p256- and 16 hex digits of its fingerprint" };
        keyId.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } id && !CentralSignature.IsValidKeyId(id))
            {
                r.AddError("--key-id must be 1-64 letters, digits, '-', '_' or '.'");
            }
        });

        var command = new Command("keygen", "Make central's ECDSA P-256 signing key pair (private key + .pub for the kiosks' Central:SigningKeys)") { output, keyId };
        command.SetAction(parse =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var publicPath = path + ".pub";
            if (File.Exists(path) || File.Exists(publicPath))
            {
                Console.Error.WriteLine($"kioskctl: {path} or its .pub exists already; not overwriting a key");
                return ExitCodes.Failed;
            }

            using var signer = CentralSigner.Generate(parse.GetValue(keyId));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Never readable by others, not even for a moment.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(path, options))
            {
                writer.Write(signer.PrivateKeyPem());
            }

            File.WriteAllText(publicPath, signer.PublicKeyPem());
            Console.WriteLine($"key id:      {signer.KeyId}");
            Console.WriteLine($"private key: {path} (central only; kioskctl fleet cmd/central --signing-key)");
            Console.WriteLine($"public key:  {publicPath} (every kiosk: Central:SigningKeys: [{{ \"Id\": \"{signer.KeyId}\", \"PublicKeyFile\": \"...\" }}])");
            return ExitCodes.Ok;
        });
        return command;
    }
}
