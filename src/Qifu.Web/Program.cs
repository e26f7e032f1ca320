using Qifu.Web.Modules.Accounts;
using Qifu.Web.Modules.Activities;
using Qifu.Web.Modules.Catalogue;
using Qifu.Web.Modules.Content;
using Qifu.Web.Modules.Enterprises;
using Qifu.Web.Modules.Indicators;
using Qifu.Web.Modules.Institutions;
using Qifu.Web.Modules.Needs;
using Qifu.Web.Modules.LoanRenewal;
using Qifu.Web.Modules.Portal;
using Qifu.Web.Modules.Search;
using Qifu.Web.Modules.ServiceRequests;
using Qifu.Web.Modules.Surveys;
using Qifu.Web.Platform;
using Qifu.Web.Platform.Demo;

var builder = WebApplication.CreateBuilder(args);

builder.AddPlatform();
builder.Services.AddAccounts();
builder.Services.AddEnterprises();
builder.Services.AddInstitutions();
builder.Services.AddCatalogue();
builder.Services.AddServiceRequests();
builder.Services.AddContent();
builder.Services.AddActivities();
builder.Services.AddNeeds();
builder.Services.AddIndicators();
builder.Services.AddSurveys();
builder.Services.AddLoanRenewal();
builder.Services.AddSearch();
builder.Services.AddPortal();

var app = builder.Build();

app.UsePlatform();
app.MapAccounts();
app.MapEnterprises();
app.MapInstitutions();
app.MapCatalogue();
app.MapServiceRequests();
app.MapContent();
app.MapActivities();
app.MapNeeds();
app.MapIndicators();
app.MapSurveys();
app.MapLoanRenewal();
app.MapSearch();
app.MapPortal();
app.MapPlatform();

if (await Bootstrap.RunCommandAsync(app, args)) return;
await Bootstrap.PrepareDatabaseAsync(app);
await app.RunAsync();

public partial class Program;
