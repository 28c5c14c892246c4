import IMPRules
