using Meedenker.Domain;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Meedenker.Web.Infrastructure;

/// <summary>
/// Checks a staff member's authenticator-app code (RFC 6238, 30-second steps, one step either side) against the
/// app's <see cref="TimeProvider"/>, with Otp.NET. Identity's own provider reads the wall clock, so tests on another
/// clock, and anything else that sets the app's time, could not use it. It replaces Identity's "Authenticator"
/// provider; enrolment, recovery and sign-in pages are unchanged.
/// </summary>
public sealed class AuthenticatorCodes(TimeProvider time) : IUserTwoFactorTokenProvider<StaffUser>
{
    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) =>
        // The app on the staff member's phone makes the codes; the server never sends one.
        Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || token is not { Length: 6 } || !token.All(char.IsAsciiDigit))
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(key));
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, token, out _, new VerificationWindow(previous: 1, future: 1));
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }
}
