using KioskAgent.Storage;
using Microsoft.Extensions.Options;

namespace KioskAgent.Hosting;

/// <summary>
/// The kiosk's provisioned secret (<c>Kiosk:SecretFile</c>, default <c>kiosk.secret</c> in the data
/// directory): keys for data at rest are derived from it. Missing at start, it is created (32 random
/// bytes, mode 0600). Never logged.
/// </summary>
public sealed partial class KioskSecret
{
    public const string DefaultFileName = "kiosk.secret";
    public const int GeneratedLength = 32;
    private const int MinimumLength = 16;

    private readonly byte[] _bytes;

    public KioskSecret(IOptions<KioskOptions> options, ILogger<KioskSecret> logger)
    {
        var path = options.Value.ResolvedSecretFile;
        if (!File.Exists(path))
        {
            Create(path);
            LogCreated(logger, path);
        }

        _bytes = File.ReadAllBytes(path);
        if (_bytes.Length < MinimumLength)
        {
            throw new InvalidOperationException($"The kiosk secret {path} holds {_bytes.Length} bytes; at least {MinimumLength} are needed.");
        }
    }

    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>
    /// Writes a new random secret, readable by the agent's user only; never replaces an existing file
    /// (a power cut while writing leaves no secret, or the whole one: a short one would lock the
    /// kiosk out of its own encrypted cache).
    /// </summary>
    public static void Create(string path) =>
        AtomicFile.WriteAllBytes(path, System.Security.Cryptography.RandomNumberGenerator.GetBytes(GeneratedLength), UnixFileMode.UserRead | UnixFileMode.UserWrite, replace: false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kiosk secret {Path} did not exist: created a new one. Data encrypted with an earlier secret cannot be read and is re-synced")]
    private static partial void LogCreated(ILogger logger, string path);
}
