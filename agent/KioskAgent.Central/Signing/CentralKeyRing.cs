using System.Security.Cryptography;
using MQTTnet;
using MQTTnet.Packets;

namespace KioskAgent.Central.Signing;

/// <summary>
/// The public keys a kiosk trusts for central's messages, by key id. Several at once, so central
/// can move to a new key while kiosks still accept the old one (rotation with an overlap).
/// </summary>
public sealed class CentralKeyRing : IDisposable
{
    private readonly Dictionary<string, ECDsa> _keys;

    public CentralKeyRing(IEnumerable<(string KeyId, ECDsa PublicKey)> keys)
    {
        _keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var (id, key) in keys)
        {
            if (!CentralSignature.IsValidKeyId(id))
            {
                throw new ArgumentException($"Key id '{id}' is not 1-64 letters, digits, '-', '_' or '.'.", nameof(keys));
            }

            if (!_keys.TryAdd(id, key))
            {
                throw new ArgumentException($"Key id '{id}' appears twice.", nameof(keys));
            }
        }
    }

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>
    /// Parses a SubjectPublicKeyInfo PEM ("PUBLIC KEY") holding a P-256 key; throws
    /// <see cref="ArgumentException"/> otherwise. A private key is refused: it has no business on a kiosk.
    /// </summary>
    public static ECDsa ParsePublicKey(string pem)
    {
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not "PUBLIC KEY")
        {
            throw new ArgumentException("not a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(pem[fields.Base64Data]), out _);
            var curve = key.ExportParameters(includePrivateParameters: false).Curve;
            if (key.KeySize != 256 || curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new ArgumentException("not a P-256 (secp256r1) key");
            }

            return key;
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new ArgumentException($"not an ECDSA public key ({ex.Message})", ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public SignatureVerdict Verify(MqttApplicationMessage message)
    {
        var properties = message.UserProperties ?? [];
        var signatures = properties.Where(p => p.Name == CentralSignature.SignatureProperty).ToList();
        if (signatures.Count == 0)
        {
            return SignatureVerdict.Unsigned;
        }

        var keyIds = properties.Where(p => p.Name == CentralSignature.KeyProperty).ToList();
        if (keyIds.Count != 1 || !_keys.TryGetValue(keyIds[0].ReadValueAsString(), out var key))
        {
            return SignatureVerdict.UnknownKey;
        }

        if (signatures.Count != 1 || !TryDecode(signatures[0].ReadValueAsString(), out var signature))
        {
            return SignatureVerdict.BadSignature;
        }

        return key.VerifyHash(CentralSignature.Hash(message), signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            ? SignatureVerdict.Valid
            : SignatureVerdict.BadSignature;
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    private static bool TryDecode(string text, out byte[] signature)
    {
        signature = new byte[CentralSignature.SignatureBytes];
        return text.Length == 88 && Convert.TryFromBase64String(text, signature, out var written) && written == CentralSignature.SignatureBytes;
    }
}
