using KioskAgent.Contracts.V1;

namespace KioskAgent.Api;

/// <summary>The enrollment screen's data for the UI (implemented by provisioning): null once the kiosk is enrolled.</summary>
public interface IEnrollmentScreen
{
    EnrollmentState? Current();

    /// <summary>A new code; throws <see cref="InvalidOperationException"/> once enrolled.</summary>
    EnrollmentState Regenerate();

    /// <summary>Queues the enrollment slip; returns the job id. Throws <see cref="InvalidOperationException"/> when enrolled or there is no printer.</summary>
    string PrintSlip();
}
