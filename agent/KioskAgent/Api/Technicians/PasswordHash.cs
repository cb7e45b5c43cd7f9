using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KioskAgent.Api.Technicians;

/// <summary>
/// A salted PBKDF2-HMAC-SHA256 password hash (NIST SP 800-132) in one settings string:
/// <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c>, salt and hash in base64. Produced by
/// <c>kioskctl tech hash-password</c>; the agent stores no passwords, only these.
/// </summary>
public sealed class PasswordHash
{
    public const string Scheme = "pbkdf2-sha256";

    /// <summary>OWASP's 2023 floor for PBKDF2-SHA256 is 600,000; 100,000 keeps a Raspberry Pi answering in well under a second.</summary>
    public const int DefaultIterations = 100_000;

    public const int MinIterations = 10_000;
    public const int MaxIterations = 10_000_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        Iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    public int Iterations { get; }

    public static PasswordHash Create(string password, int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasswordHash(iterations, salt, Derive(password, salt, iterations, HashBytes));
    }

    /// <summary>Parses the settings string; <paramref name="error"/> says what is wrong without echoing the value.</summary>
    public static bool TryParse(string? text, out PasswordHash? hash, out string error)
    {
        hash = null;
        var parts = (text ?? "").Split('$');
        if (parts.Length != 4 || parts[0] != Scheme)
        {
            error = $"must look like {Scheme}$ITERATIONS$SALT$HASH (make one with 'kioskctl tech hash-password')";
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < MinIterations or > MaxIterations)
        {
            error = $"iterations must be {MinIterations} to {MaxIterations}";
            return false;
        }

        var salt = FromBase64(parts[2]);
        var derived = FromBase64(parts[3]);
        if (salt is null || salt.Length < 8 || derived is null || derived.Length < 16)
        {
            error = "salt (8+ bytes) and hash (16+ bytes) must be base64";
            return false;
        }

        hash = new PasswordHash(iterations, salt, derived);
        error = "";
        return true;
    }

    public bool Verify(string password) =>
        CryptographicOperations.FixedTimeEquals(Derive(password, _salt, Iterations, _hash.Length), _hash);

    public override string ToString() =>
        $"{Scheme}${Iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(_salt)}${Convert.ToBase64String(_hash)}";

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);

    private static byte[]? FromBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
