using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KioskAgent.Contracts.Staff;

/// <summary>
/// The format of <c>StaffRecord.pin_hash</c>: a staff PIN as it is stored and sent: never the PIN, only a slow salted hash in a versioned text
/// form, <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt, base64&gt;$&lt;hash, base64&gt;</c>: PBKDF2
/// (RFC 8018 §5.2) with HMAC-SHA256, a 16-byte random salt and a 32-byte hash. A PIN has few digits,
/// so a stolen list falls to brute force however slow the hash; the iteration count (at least
/// <see cref="MinIterations"/>, OWASP's 2023 floor for PBKDF2-SHA256 is 600,000; 210,000 keeps a
/// login under a second on a Raspberry Pi 3) only makes that cost, and the lockout is what protects
/// the kiosk. The prefix names the scheme so a later one can be added beside it.
/// </summary>
public static class StaffPinHash
{
    public const string Scheme = "pbkdf2-sha256";
    public const int DefaultIterations = 210_000;
    public const int MinIterations = 100_000;

    /// <summary>More would let a forged staff list make every login take minutes.</summary>
    public const int MaxIterations = 5_000_000;

    public const int SaltBytes = 16;
    public const int HashBytes = 32;
    public const int MinPinLength = 4;
    public const int MaxPinLength = 12;

    /// <summary>A PIN is 4-12 ASCII digits.</summary>
    public static bool IsValidPin(string? pin) =>
        pin is { Length: >= MinPinLength and <= MaxPinLength } && pin.All(char.IsAsciiDigit);

    public static string Hash(string pin, int iterations = DefaultIterations)
    {
        if (!IsValidPin(pin))
        {
            throw new ArgumentException($"A PIN is {MinPinLength}-{MaxPinLength} digits.", nameof(pin));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether <paramref name="pin"/> is the one <paramref name="encoded"/> was made from; false for a malformed hash.</summary>
    public static bool Verify(string pin, string encoded)
    {
        if (!TryParse(encoded, out var iterations, out var salt, out var expected, out _))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(pin), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected) && IsValidPin(pin);
    }

    /// <summary>Null when <paramref name="encoded"/> is a well-formed hash; what is wrong with it otherwise.</summary>
    public static string? Problem(string? encoded) =>
        TryParse(encoded, out _, out _, out _, out var problem) ? null : problem;

    private static bool TryParse(string? encoded, out int iterations, out byte[] salt, out byte[] hash, out string problem)
    {
        iterations = 0;
        salt = hash = [];
        var parts = (encoded ?? "").Split('$');
        if (parts.Length != 4 || parts[0] != Scheme)
        {
            problem = $"must be {Scheme}$<iterations>$<salt>$<hash> (a clear PIN is never accepted here)";
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations is < MinIterations or > MaxIterations)
        {
            problem = $"iterations must be {MinIterations}-{MaxIterations}";
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            problem = "salt and hash must be base64";
            return false;
        }

        if (salt.Length < SaltBytes || hash.Length != HashBytes)
        {
            problem = $"the salt must be at least {SaltBytes} bytes and the hash {HashBytes} bytes";
            return false;
        }

        problem = "";
        return true;
    }
}
