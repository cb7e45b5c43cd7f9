using System.Text.Json;
using KioskAgent.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAgent.Provisioning;

/// <summary>
/// The technicians enrolled on this kiosk (<c>provisioning/enrollment.json</c>): a client
/// certificate is honoured only while its serial is listed here, so a factory reset that clears the
/// list ends every certificate. At most <see cref="MaxTechnicians"/>; the oldest non-supervisor
/// goes first when full.
/// </summary>
public sealed class EnrollmentStore
{
    public const string FileName = "enrollment.json";
    public const int MaxTechnicians = 50;

    private readonly string _path;
    private readonly Lock _gate = new();
    private List<TechnicianRecord> _technicians;

    public EnrollmentStore(IOptions<KioskOptions> kiosk)
    {
        _path = Path.Combine(ProvisioningFiles.EnsureDirectory(kiosk.Value), FileName);
        _technicians = File.Exists(_path)
            ? JsonSerializer.Deserialize(File.ReadAllBytes(_path), ProvisioningJson.Default.ListTechnicianRecord) ?? []
            : [];
    }

    /// <summary>Raised after a technician was added: the enrollment screen leaves once someone enrolled.</summary>
    public event Action? Changed;

    public bool IsEnrolled
    {
        get
        {
            lock (_gate)
            {
                return _technicians.Count > 0;
            }
        }
    }

    public IReadOnlyList<TechnicianRecord> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _technicians];
            }
        }
    }

    public TechnicianRecord? Find(string serial)
    {
        lock (_gate)
        {
            return _technicians.FirstOrDefault(t => string.Equals(t.Serial, serial, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>
    /// Forgets one technician (its certificate stops counting at once). Null when no technician has
    /// that serial; refused when it is the last supervisor, who alone can open enrollment again.
    /// </summary>
    public TechnicianRecord? Remove(string serial)
    {
        lock (_gate)
        {
            var technician = _technicians.FirstOrDefault(t => string.Equals(t.Serial, serial, StringComparison.OrdinalIgnoreCase));
            if (technician is null)
            {
                return null;
            }

            if (technician.IsSupervisor && _technicians.Count(t => t.IsSupervisor) == 1)
            {
                throw new InvalidOperationException("the last supervisor cannot be revoked (a factory reset starts over)");
            }

            var next = _technicians.Where(t => t != technician).ToList();
            ProvisioningFiles.WriteAtomic(_path, JsonSerializer.SerializeToUtf8Bytes(next, ProvisioningJson.Default.ListTechnicianRecord));
            _technicians = next;
            return technician;
        }
    }

    public void Add(TechnicianRecord technician)
    {
        lock (_gate)
        {
            var next = new List<TechnicianRecord>(_technicians) { technician };
            while (next.Count > MaxTechnicians)
            {
                next.Remove(next.FirstOrDefault(t => !t.IsSupervisor) ?? next[0]);
            }

            ProvisioningFiles.WriteAtomic(_path, JsonSerializer.SerializeToUtf8Bytes(next, ProvisioningJson.Default.ListTechnicianRecord));
            _technicians = next;
        }

        Changed?.Invoke();
    }
}
