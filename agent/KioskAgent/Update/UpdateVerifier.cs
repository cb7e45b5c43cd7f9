using System.Security.Cryptography;

namespace KioskAgent.Update;

/// <summary>
/// Decides whether a bundle may be installed: signature by the provisioned key first (nothing in an
/// unsigned manifest is believed), then the build against the running one and every build marked
/// bad, then the payload's digest.
/// </summary>
public static class UpdateVerifier
{
    public static UpdateManifest Verify(UpdateBundle bundle, string? publicKeyPem, long runningBuild, IReadOnlyCollection<long> badBuilds)
    {
        if (string.IsNullOrWhiteSpace(publicKeyPem))
        {
            throw new UpdateRefusedException(UpdateRefusal.NoKey, "no update key is provisioned (Update:PublicKeyFile): this kiosk accepts no updates");
        }

        using (var key = ECDsa.Create())
        {
            try
            {
                key.ImportFromPem(publicKeyPem);
            }
            catch (ArgumentException ex)
            {
                throw new UpdateRefusedException(UpdateRefusal.NoKey, $"the update key (Update:PublicKeyFile) is not a PEM public key: {ex.Message}");
            }

            if (!key.VerifyData(bundle.ManifestBytes, bundle.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
            {
                throw new UpdateRefusedException(UpdateRefusal.BadSignature, "the manifest's signature does not verify with this kiosk's update key");
            }
        }

        var manifest = UpdateManifest.Parse(bundle.ManifestBytes)
            ?? throw new UpdateRefusedException(UpdateRefusal.Malformed, "the signed manifest lacks a version, a positive build or a SHA-256");
        if (manifest.Build <= runningBuild)
        {
            throw new UpdateRefusedException(UpdateRefusal.Downgrade, $"build {manifest.Build} is not newer than the running build {runningBuild}", manifest);
        }

        if (badBuilds.Count > 0 && manifest.Build <= badBuilds.Max())
        {
            throw new UpdateRefusedException(UpdateRefusal.KnownBad, $"build {manifest.Build} is not newer than build {badBuilds.Max()}, which failed its trial here", manifest);
        }

        if (runningBuild < manifest.MinFromBuild)
        {
            throw new UpdateRefusedException(UpdateRefusal.TooOldToUpdate, $"build {manifest.Build} updates only from build {manifest.MinFromBuild} on; this kiosk runs {runningBuild}", manifest);
        }

        if (!string.Equals(manifest.PayloadSha256, bundle.PayloadSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new UpdateRefusedException(UpdateRefusal.DigestMismatch, "the payload is not the one the manifest signed (SHA-256 differs)", manifest);
        }

        return manifest;
    }
}
