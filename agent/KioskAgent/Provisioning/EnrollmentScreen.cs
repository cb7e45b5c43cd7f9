using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Api;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices.Discovery;
using KioskAgent.Hosting;
using KioskAgent.Printing;
using Microsoft.Extensions.Options;

namespace KioskAgent.Provisioning;

/// <summary>What the enrollment screen and slip show: code, expiry, fingerprint, address and serial; nothing once enrolled.</summary>
public sealed class EnrollmentScreen(
    EnrollmentCodes codes,
    KioskKey key,
    DeviceManager devices,
    IOptions<ProvisioningOptions> options,
    IOptions<KioskOptions> kiosk) : IEnrollmentScreen
{
    public EnrollmentState? Current() =>
        options.Value.Enabled && codes.Current() is { } state ? ToState(state) : null;

    public EnrollmentState Regenerate()
    {
        if (!options.Value.Enabled)
        {
            throw new InvalidOperationException("provisioning is disabled on this kiosk (Provisioning:Enabled)");
        }

        return ToState(codes.Regenerate());
    }

    public string PrintSlip()
    {
        var state = Current() ?? throw new InvalidOperationException("this kiosk is enrolled: there is no enrollment code to print");
        var printer = devices.All<ConnectedPrinter>().FirstOrDefault() ?? throw new InvalidOperationException("no receipt printer is connected");
        var jobId = $"enroll-{Guid.CreateVersion7():N}";
        _ = printer.Queue.Submit(jobId, EnrollmentSlip.Render(state.Code, state.ExpiresAt.ToDateTimeOffset(), state.Fingerprint, state.Address, state.Serial, state.QrPayload));
        return jobId;
    }

    private EnrollmentState ToState(EnrollmentCodeState state)
    {
        var address = $"{AdvertisedHost()}:{options.Value.Port}";
        var serial = HostSerial() ?? kiosk.Value.KioskId;
        return new EnrollmentState
        {
            Code = state.Code,
            ExpiresAt = Timestamp.FromDateTimeOffset(state.ExpiresAt),
            Fingerprint = key.Fingerprint,
            Address = address,
            Serial = serial,
            TriesLeft = (uint)state.TriesLeft,
            QrPayload = $"kiosk-enroll:?fp={key.Fingerprint}&addr={Uri.EscapeDataString(address)}&serial={Uri.EscapeDataString(serial)}",
        };
    }

    /// <summary>The configured address, or for 0.0.0.0 the first up, non-loopback IPv4 address of the host.</summary>
    private string AdvertisedHost()
    {
        if (IPAddress.TryParse(options.Value.Address, out var configured) && !configured.Equals(IPAddress.Any))
        {
            return configured.ToString();
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString() ?? "127.0.0.1";
    }

    /// <summary>A Raspberry Pi's serial (device tree) or the DMI serial; null when the host shows none.</summary>
    private static string? HostSerial()
    {
        foreach (var path in new[] { "/sys/firmware/devicetree/base/serial-number", "/sys/class/dmi/id/product_serial" })
        {
            try
            {
                var text = File.ReadAllText(path).Trim('\0', ' ', '\n');
                if (text.Length is > 0 and <= 64 && text.All(char.IsAsciiLetterOrDigit))
                {
                    return text;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return null;
    }
}
