namespace KioskAgent.Hardware.Card.Ntag424;

/// <summary>Where the SUN sits in the tag's URL; matches how the tags were personalised.</summary>
public sealed class SunOptions
{
    /// <summary>Query parameter holding the encrypted PICCData (32 hex characters).</summary>
    public string PiccDataParameter { get; init; } = "picc_data";

    /// <summary>Query parameter holding the SDMMAC (16 hex characters).</summary>
    public string MacParameter { get; init; } = "cmac";

    /// <summary>
    /// Null when SDMMACInputOffset equals SDMMACOffset (the MAC input is empty, AN12196 Table 4).
    /// Otherwise the parameter whose value starts at SDMMACInputOffset: the MAC input is the URL
    /// text from there up to the MAC value, e.g. "CEE9...8962&amp;cmac=" (AN12196 Table 5).
    /// </summary>
    public string? MacInputStartParameter { get; init; }

    /// <summary>Throws when a parameter name is empty or names collide.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(PiccDataParameter);
        ArgumentException.ThrowIfNullOrWhiteSpace(MacParameter);
        if (PiccDataParameter == MacParameter || MacInputStartParameter == MacParameter)
        {
            throw new ArgumentException("The SUN parameters need distinct names.");
        }

        if (MacInputStartParameter is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(MacInputStartParameter);
        }
    }
}
