namespace KioskAgent.Tests.Testing.Layout;

/// <summary>A display a kiosk has, in CSS pixels.</summary>
public sealed record KioskViewport(int Width, int Height, string Display)
{
    /// <summary>The displays kiosks use: small 7" panels up to 1080p, landscape and portrait.</summary>
    public static IReadOnlyList<KioskViewport> All { get; } =
    [
        new(800, 480, "Raspberry Pi 7\" Touch Display"),
        new(1024, 600, "7\" HDMI panel"),
        new(1280, 800, "10\" panel"),
        new(1920, 1080, "1080p monitor"),
        new(720, 1280, "Raspberry Pi Touch Display 2, portrait"),
        new(1080, 1920, "portrait 1080p cabinet"),
    ];

    public string Name => $"{Width}x{Height}";

    public override string ToString() => Name;
}
