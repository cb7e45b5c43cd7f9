using System.Buffers;
using KioskAgent.Central.Signing;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace KioskAgent.CentralLink;

/// <summary>
/// The one check every message from central passes before any handler sees it
/// (<see cref="MqttConnection"/> asks here first): a valid signature by one of the keys in
/// <c>Central:SigningKeys</c> (docs/mqtt-contract.md, "Signatures"). Anything else is refused,
/// counted as <c>inbound.rejected.{kind}.unsigned</c> / <c>unknown_key</c> / <c>bad_signature</c>
/// and dead-lettered; nothing of it is applied and nothing is answered. With
/// <c>Central:Signatures=Off</c> everything passes and health says the kiosk is degraded.
/// </summary>
public sealed partial class CentralSignatures : IDisposable
{
    private readonly CentralKeyRing _keys;
    private readonly DeadLetterLog _deadLetters;
    private readonly ILogger<CentralSignatures> _logger;

    public CentralSignatures(IOptions<CentralLinkOptions> options, DeadLetterLog deadLetters, ILogger<CentralSignatures> logger)
    {
        Mode = options.Value.Signatures;
        // The keys were checked at start (CentralSigningKeysValidator); Load cannot fail here but on a race with the file.
        _keys = new CentralKeyRing(options.Value.SigningKeys.Select(k => k.Load()));
        _deadLetters = deadLetters;
        _logger = logger;
        if (Mode == CentralSignatureMode.Off)
        {
            LogSignaturesOff();
        }
    }

    public CentralSignatureMode Mode { get; }

    public IReadOnlyCollection<string> KeyIds => _keys.KeyIds;

    /// <summary>True when the message may be handled; otherwise it has been refused and recorded under <paramref name="kind"/>.</summary>
    public bool Accepts(MqttApplicationMessage message, string kind)
    {
        if (Mode == CentralSignatureMode.Off)
        {
            return true;
        }

        var verdict = _keys.Verify(message);
        if (verdict == SignatureVerdict.Valid)
        {
            return true;
        }

        _deadLetters.Reject(kind, Reason(verdict), message.Topic, message.Payload.ToArray());
        return false;
    }

    public void Dispose() => _keys.Dispose();

    /// <summary>The dead-letter reason of a verdict.</summary>
    public static string Reason(SignatureVerdict verdict) => verdict switch
    {
        SignatureVerdict.Unsigned => "unsigned",
        SignatureVerdict.UnknownKey => "unknown_key",
        SignatureVerdict.BadSignature => "bad_signature",
        _ => "valid",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Central:Signatures is Off: messages from central are not verified, anyone who can publish on this kiosk's topics can command it")]
    private partial void LogSignaturesOff();
}
