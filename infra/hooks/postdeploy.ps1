# azd postdeploy hook (azure.yaml, Windows): subscribe BlobCreated events under uploads/ to the IngestUpload blob
# trigger. Mirror of postdeploy.sh (same steps, names and az commands); see that file for the reasons.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$SubscriptionName = 'uploads-to-ingest'
$FunctionName = 'Host.Functions.IngestUpload'
$SubjectPrefix = '/blobServices/default/containers/uploads/blobs/'
$ApiVersion = '2022-06-15'
$KeyAttempts = if ($env:DANVAN_KEY_ATTEMPTS) { [int]$env:DANVAN_KEY_ATTEMPTS } else { 30 }
$KeyDelaySeconds = if ($env:DANVAN_KEY_DELAY_SECONDS) { [int]$env:DANVAN_KEY_DELAY_SECONDS } else { 10 }

# A value of the azd environment: azd exports them to hooks; outside azd, ask `azd env get-values`.
function Get-EnvValue([string]$Name) {
    $value = [Environment]::GetEnvironmentVariable($Name)
    if (-not $value -and (Get-Command azd -ErrorAction SilentlyContinue)) {
        foreach ($line in (azd env get-values)) {
            if ($line -match "^$Name=`"?([^`"]*)`"?$") { $value = $Matches[1]; break }
        }
    }
    if (-not $value) { throw "postdeploy: $Name is not set; run 'azd provision' (or 'azd up') first." }
    return $value
}

if (-not (Get-Command az -ErrorAction SilentlyContinue)) { throw 'postdeploy: the Azure CLI (az) is required.' }

$resourceGroup = Get-EnvValue 'AZURE_RESOURCE_GROUP'
$app = Get-EnvValue 'AZURE_FUNCTION_APP_NAME'
$appUri = Get-EnvValue 'SERVICE_FUNCTIONS_URI'
$storageId = Get-EnvValue 'AZURE_STORAGE_ACCOUNT_ID'
$topicId = Get-EnvValue 'AZURE_EVENTGRID_SYSTEM_TOPIC_ID'
$deadLetterContainer = Get-EnvValue 'AZURE_EVENTGRID_DEADLETTER_CONTAINER'

# The key appears once the host has started with the deployed code: wake it, then wait (bounded).
$key = ''
for ($attempt = 1; $attempt -le $KeyAttempts; $attempt++) {
    try { Invoke-WebRequest -Uri "$appUri/" -TimeoutSec 30 -UseBasicParsing | Out-Null } catch { }
    $key = az functionapp keys list --resource-group $resourceGroup --name $app --query systemKeys.blobs_extension --output tsv 2>$null
    if ($key) { break }
    Write-Host "postdeploy: waiting for the blobs_extension key of $app ($attempt/$KeyAttempts)..."
    Start-Sleep -Seconds $KeyDelaySeconds
}
if (-not $key) {
    throw "postdeploy: no blobs_extension key after $KeyAttempts attempts: is the code running? Check the app in the portal, then run 'azd hooks run postdeploy'."
}

$body = @{
    properties = @{
        destination = @{
            endpointType = 'WebHook'
            properties = @{ endpointUrl = "$appUri/runtime/webhooks/blobs?functionName=$FunctionName&code=$key" }
        }
        filter = @{
            includedEventTypes = @('Microsoft.Storage.BlobCreated')
            subjectBeginsWith = $SubjectPrefix
        }
        eventDeliverySchema = 'EventGridSchema'
        retryPolicy = @{ maxDeliveryAttempts = 30; eventTimeToLiveInMinutes = 1440 }
        deadLetterWithResourceIdentity = @{
            identity = @{ type = 'SystemAssigned' }
            deadLetterDestination = @{
                endpointType = 'StorageBlob'
                properties = @{ resourceId = $storageId; blobContainerName = $deadLetterContainer }
            }
        }
    }
} | ConvertTo-Json -Depth 10

# The request body holds the key: a temporary file, never a command-line argument or a log line.
$bodyFile = New-TemporaryFile
try {
    Set-Content -Path $bodyFile -Value $body -Encoding utf8
    $url = "https://management.azure.com$topicId/eventSubscriptions/${SubscriptionName}?api-version=$ApiVersion"
    Write-Host "postdeploy: subscribing $SubjectPrefix (BlobCreated) to $FunctionName..."
    az rest --method put --url $url --body "@$bodyFile" --headers 'Content-Type=application/json' --output none
    if ($LASTEXITCODE -ne 0) { throw 'postdeploy: az rest (PUT event subscription) failed.' }
}
finally {
    Remove-Item -Path $bodyFile -ErrorAction SilentlyContinue
}

# Event Grid validates the webhook asynchronously: wait for the outcome (bounded) rather than report success early.
$state = ''
for ($attempt = 1; $attempt -le $KeyAttempts; $attempt++) {
    $state = az rest --method get --url $url --query properties.provisioningState --output tsv 2>$null
    if ($state -eq 'Succeeded') { Write-Host "postdeploy: Event Grid subscription $SubscriptionName is ready."; exit 0 }
    if ($state -eq 'Failed' -or $state -eq 'Canceled') { throw "postdeploy: Event Grid subscription $SubscriptionName ended $state (webhook validation failed?)." }
    Write-Host "postdeploy: subscription $state ($attempt/$KeyAttempts)..."
    Start-Sleep -Seconds $KeyDelaySeconds
}
throw "postdeploy: subscription still '$state' after $KeyAttempts checks; look at it in the portal."
