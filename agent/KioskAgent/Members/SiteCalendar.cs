using KioskAgent.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAgent.Members;

/// <summary>
/// "Today" as the site counts days: card validity, expiring points, birthday week and daily limits
/// all turn over at the site's midnight, not UTC's. The time zone is <c>Kiosk:TimeZone</c> (an IANA id
/// such as Asia/Shanghai); empty means the host's own zone.
/// </summary>
public sealed class SiteCalendar(IOptions<KioskOptions> options, TimeProvider time)
{
    private readonly TimeZoneInfo _zone = Resolve(options.Value.TimeZone);

    public TimeZoneInfo Zone => _zone;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime);

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone);

    public static bool IsValidZone(string? id) => string.IsNullOrEmpty(id) || TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private static TimeZoneInfo Resolve(string? id) =>
        string.IsNullOrEmpty(id) ? TimeZoneInfo.Local : TimeZoneInfo.FindSystemTimeZoneById(id);
}
