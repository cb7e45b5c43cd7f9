using System.Security.Cryptography;
using System.Text;
using MQTTnet;
using MQTTnet.Packets;

namespace KioskAgent.Central.Signing;

/// <summary>
/// Signs central's messages to kiosks with central's private P-256 key (<see cref="CentralSignature"/>).
/// The reference central signs everything it publishes through it, and so does <c>kioskctl fleet cmd</c>.
/// </summary>
public sealed class CentralSigner : IDisposable
{
    private readonly ECDsa _key;

    // The parts of a central publish from several threads; an ECDsa instance is not documented as thread-safe.
    private readonly Lock _lock = new();

    public CentralSigner(ECDsa privateKey, string? keyId = null)
    {
        if (privateKey.KeySize != 256)
        {
            throw new ArgumentException("The signing key must be an ECDSA P-256 key.", nameof(privateKey));
        }

        keyId ??= CentralSignature.DefaultKeyId(privateKey);
        if (!CentralSignature.IsValidKeyId(keyId))
        {
            throw new ArgumentException("A key id is 1-64 letters, digits, '-', '_' or '.'.", nameof(keyId));
        }

        _key = privateKey;
        KeyId = keyId;
    }

    /// <summary>The key id sent in <see cref="CentralSignature.KeyProperty"/>; the kiosk looks the public key up by it.</summary>
    public string KeyId { get; }

    /// <summary>A new P-256 key pair.</summary>
    public static CentralSigner Generate(string? keyId = null) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), keyId);

    /// <summary>Loads a PEM private key (PKCS#8 "PRIVATE KEY" or SEC1 "EC PRIVATE KEY").</summary>
    public static CentralSigner FromPem(string pem, string? keyId = null)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return new CentralSigner(key, keyId);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public static CentralSigner FromPemFile(string path, string? keyId = null) => FromPem(File.ReadAllText(path), keyId);

    /// <summary>The private key as PKCS#8 PEM, to store (mode 0600).</summary>
    public string PrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>The public key as SubjectPublicKeyInfo PEM ("PUBLIC KEY"), to give to kiosks.</summary>
    public string PublicKeyPem() => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>
    /// Sets <see cref="CentralSignature.KeyProperty"/> and <see cref="CentralSignature.SignatureProperty"/>
    /// (replacing any there), after every other property: change nothing in the message afterwards.
    /// </summary>
    public MqttApplicationMessage Sign(MqttApplicationMessage message)
    {
        var properties = (message.UserProperties ?? [])
            .Where(p => p.Name is not (CentralSignature.KeyProperty or CentralSignature.SignatureProperty))
            .ToList();
        properties.Add(new MqttUserProperty(CentralSignature.KeyProperty, Encoding.UTF8.GetBytes(KeyId)));
        message.UserProperties = properties;
        var hash = CentralSignature.Hash(message);
        byte[] signature;
        lock (_lock)
        {
            signature = _key.SignHash(hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        properties.Add(new MqttUserProperty(CentralSignature.SignatureProperty, Encoding.UTF8.GetBytes(Convert.ToBase64String(signature))));
        return message;
    }

    public void Dispose() => _key.Dispose();
}
