namespace KioskAgent.Tests.Testing.Pn532;

/// <summary>
/// The PN532's firmware as far as the dotnet/iot binding and our reader use it (UM0701-02 §7):
/// GetFirmwareVersion, SAMConfiguration, SetParameters, RFConfiguration (MaxRetries), Diagnose
/// (communication line test), InListPassiveTarget (106 kbit/s type A, one target, automatic RATS),
/// InDataExchange (MIFARE AUTH/READ checked by the virtual card's keys and access bits; ISO-DEP
/// APDUs answered by the virtual card), InRelease, InDeselect and InSelect. One card at a time can be
/// in the field; a test can take it away at any moment, also between two exchanges of one read.
/// </summary>
public sealed class SimulatedPn532
{
    private const byte TargetNumber = 1;
    private const byte Ok = 0x00;

    // §7.1 error codes.
    private const byte Timeout = 0x01;
    private const byte MifareAuthenticationError = 0x14;
    private const byte WrongContext = 0x27;

    private readonly Lock _gate = new();
    private readonly List<byte> _commands = [];
    private Pn532FieldCard? _card;
    private bool _active;
    private bool _halted;
    private int _authenticatedSector = -1;
    private int? _exchangesBeforePull;
    private byte _activationRetries = 0xFF;

    /// <summary>Command codes received, in order (for assertions on what the binding sent).</summary>
    public IReadOnlyList<byte> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>RFConfiguration MxRtyPassiveActivation as last set (FF = forever, the reset value).</summary>
    public byte ActivationRetries => _activationRetries;

    /// <summary>Puts a card in the field (taking away any other).</summary>
    public void Present(Pn532FieldCard card)
    {
        lock (_gate)
        {
            _card = card;
            _active = false;
            _halted = false;
            _exchangesBeforePull = null;
        }
    }

    /// <summary>The card leaves the field.</summary>
    public void Remove()
    {
        lock (_gate)
        {
            _card = null;
            _active = false;
        }
    }

    /// <summary>
    /// Takes the card away and waits until the reader has polled the empty field three times: its two
    /// presence checks (then it reports the removal) and one search. A card put down after this is a new tap.
    /// </summary>
    public async Task RemoveAndWaitForEmptyPollsAsync()
    {
        Remove();
        var polls = Commands.Count(c => c == 0x4A);
        await Eventually.TrueAsync(() => Commands.Count(c => c == 0x4A) >= polls + 3, "three polls of the empty field");
    }

    /// <summary>The card leaves the field after answering this many more InDataExchange commands (pulled mid-read).</summary>
    public void PullCardAfterExchanges(int exchanges)
    {
        lock (_gate)
        {
            _exchangesBeforePull = exchanges;
        }
    }

    public bool CardInField
    {
        get
        {
            lock (_gate)
            {
                return _card is not null;
            }
        }
    }

    /// <summary>True for the command codes this firmware answers; others get the error frame.</summary>
    public static bool Knows(byte command) => command is 0x00 or 0x02 or 0x12 or 0x14 or 0x32 or 0x40 or 0x44 or 0x4A or 0x52 or 0x54;

    /// <summary>Carries out one command (PD0 = command code); the answer's PD0 is the code + 1, or null for no answer.</summary>
    public byte[]? Execute(byte[] command)
    {
        lock (_gate)
        {
            _commands.Add(command[0]);
            var parameters = command.AsSpan(1);
            return command[0] switch
            {
                0x02 => [0x03, 0x32, 0x01, 0x06, 0x07], // IC PN532, firmware 1.6, ISO 14443 A + B + 18092 (§7.2.2)
                0x14 or 0x12 => [(byte)(command[0] + 1)],
                0x32 => RfConfiguration(parameters),
                0x00 => [0x01, .. parameters], // Diagnose NumTst 00: echo (§7.2.1)
                0x4A => ListPassiveTarget(parameters),
                0x40 => DataExchange(parameters),
                0x52 or 0x44 => Release(command[0]),
                0x54 => Select(parameters),
                _ => null,
            };
        }
    }

    private byte[] RfConfiguration(ReadOnlySpan<byte> parameters)
    {
        // Item 05h: MxRtyATR, MxRtyPSL, MxRtyPassiveActivation (§7.3.1).
        if (parameters is [0x05, _, _, var passive])
        {
            _activationRetries = passive;
        }

        return [0x33];
    }

    private byte[]? ListPassiveTarget(ReadOnlySpan<byte> parameters)
    {
        if (parameters is not [0x01 or 0x02, 0x00, ..])
        {
            return [0x4B, 0x00];
        }

        ConsumePullBudget(0);
        if (_active && _activationRetries == 0)
        {
            // ISO/IEC 14443-3: a card still ACTIVE takes the REQA as an unexpected frame and falls
            // back to IDLE without answering; only a retry would have found it.
            _active = false;
            return [0x4B, 0x00];
        }

        if (_card is not { } card)
        {
            // With retries FFh the chip keeps trying until a card comes: no answer.
            return _activationRetries == 0xFF ? null : [0x4B, 0x00];
        }

        _active = true;
        _halted = false;
        _authenticatedSector = -1;
        byte[] ats = card.IsIso14443Part4 ? card.Ats : [];
        return [0x4B, 0x01, TargetNumber, (byte)(card.Atqa >> 8), (byte)card.Atqa, card.Sak, (byte)card.Uid.Length, .. card.Uid, .. ats];
    }

    private byte[] Release(byte command)
    {
        _active = false;
        _authenticatedSector = -1;
        return [(byte)(command + 1), Ok];
    }

    private byte[] Select(ReadOnlySpan<byte> parameters)
    {
        if (parameters is not [TargetNumber] || _card is null)
        {
            return [0x55, Timeout];
        }

        _active = true;
        _halted = false;
        _authenticatedSector = -1;
        return [0x55, Ok];
    }

    private byte[] DataExchange(ReadOnlySpan<byte> parameters)
    {
        if (parameters.Length < 2 || parameters[0] != TargetNumber || !_active)
        {
            return [0x41, WrongContext];
        }

        if (!ConsumePullBudget(1) || _card is not { } card || _halted)
        {
            return [0x41, Timeout];
        }

        var payload = parameters[1..].ToArray();
        return card.IsIso14443Part4 ? [0x41, Ok, .. card.Card.Process(payload)] : MifareCommand(card, payload);
    }

    /// <summary>False when the card is no longer in the field; counts exchanges for <see cref="PullCardAfterExchanges"/>.</summary>
    private bool ConsumePullBudget(int cost)
    {
        if (_exchangesBeforePull is { } left)
        {
            if (left <= 0)
            {
                _card = null;
                _active = false;
                _exchangesBeforePull = null;
            }
            else
            {
                _exchangesBeforePull = left - cost;
            }
        }

        return _card is not null;
    }

    private byte[] MifareCommand(Pn532FieldCard card, byte[] payload) => payload switch
    {
        [0x60 or 0x61, var block, .. var rest] when rest.Length == 10 => Authenticate(card, payload[0], block, rest[..6], rest[6..]),
        [0x30, var block] => Read(card, block),
        _ => Halt(Timeout),
    };

    /// <summary>MIFARE AUTH with the key and four UID bytes; the virtual card checks the key against its trailer.</summary>
    private byte[] Authenticate(Pn532FieldCard card, byte keyType, byte block, byte[] key, byte[] uid)
    {
        var uidMatches = uid.AsSpan().SequenceEqual(card.Uid.AsSpan(card.Uid.Length - 4));
        var loaded = card.Card.Process([0xFF, 0x82, 0x00, 0x00, 0x06, .. key]);
        var answer = card.Card.Process([0xFF, 0x86, 0x00, 0x00, 0x05, 0x01, 0x00, block, keyType, 0x00]);
        if (!uidMatches || !IsSuccess(loaded) || !IsSuccess(answer))
        {
            return Halt(MifareAuthenticationError);
        }

        _authenticatedSector = block / 4;
        return [0x41, Ok];
    }

    private byte[] Read(Pn532FieldCard card, byte block)
    {
        if (_authenticatedSector != block / 4)
        {
            // The card NAKs and falls back to IDLE.
            return Halt(MifareAuthenticationError);
        }

        var answer = card.Card.Process([0xFF, 0xB0, 0x00, block, 0x10]);
        return IsSuccess(answer) && answer.Length == 18 ? [0x41, Ok, .. answer[..16]] : Halt(MifareAuthenticationError);
    }

    /// <summary>After a failed authentication or a NAK the card is IDLE: silent until selected again.</summary>
    private byte[] Halt(byte status)
    {
        _halted = true;
        _authenticatedSector = -1;
        return [0x41, status];
    }

    private static bool IsSuccess(byte[] answer) => answer is [.., 0x90, 0x00];
}
