<?php
 $dictionary['Accounts']['fields']['crmguard_status_c']['inline_edit']=1;
