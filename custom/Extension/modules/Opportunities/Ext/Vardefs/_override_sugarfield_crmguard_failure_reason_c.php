<?php
 $dictionary['Opportunities']['fields']['crmguard_failure_reason_c']['inline_edit']=1;
