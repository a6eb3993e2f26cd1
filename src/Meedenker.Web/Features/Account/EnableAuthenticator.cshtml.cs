using System.Globalization;
using System.Security.Claims;
using System.Text;
using Meedenker.Domain;
using Meedenker.Web.Features.Shared;
using Meedenker.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using QRCoder;

namespace Meedenker.Web.Features.Account;

/// <summary>TOTP enrolment: a signed-in staff member links an authenticator app and gets recovery codes.</summary>
[Authorize]
[EnableRateLimiting(RateLimitPolicies.Login)]
public sealed class EnableAuthenticatorModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn) : FormPageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string SharedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public string ContinueUrl => SafeReturnUrl(ReturnUrl, "/werk");

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var code = new string((Code ?? "").Where(char.IsDigit).ToArray());
        var valid = code.Length == 6 &&
            await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError(nameof(Code), Lang.Pick("Deze code klopt niet. Vul de zes cijfers in die de app nu laat zien.",
                "This code is not correct. Enter the six digits the app shows now."));
            await LoadKeyAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        // The code just proved the second factor: the session now counts as two-factor.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(StaffClaims.AuthenticationMethod, StaffClaims.MultiFactor)]);
        return Page();
    }

    private async Task LoadKeyAsync(StaffUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        SharedKey = FormatKey(key);
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString("Meedenker")}:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer=Meedenker&digits=6");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(6);
        QrCodeDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }

    private static string FormatKey(string key)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            builder.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return builder.ToString().TrimEnd().ToLowerInvariant();
    }
}
